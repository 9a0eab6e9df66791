/* Search box: pagefind's own JS API (pagefind/pagefind.js, built with the site) behind a small form. An archive's
   index comes in bundles (the form's data-bundles, first one first): the others are merged into the first. */
(() => {
  const script = document.currentScript;
  const form = document.querySelector("[data-search]");
  if (!script || !form) return;
  const root = new URL("./", script.src);
  const input = form.querySelector("input");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-results");
  const bundles = (form.dataset.bundles || "pagefind").split(" ");
  let pagefind = null;
  let seq = 0;

  const excerpt = (html) => {
    // pagefind marks hits with <mark>; keep those, take everything else as text.
    const t = document.createElement("template");
    t.innerHTML = html;
    const p = document.createElement("p");
    for (const node of t.content.childNodes) {
      if (node.nodeName === "MARK") p.append(Object.assign(document.createElement("mark"), { textContent: node.textContent }));
      else p.append(node.textContent);
    }
    return p;
  };

  const item = (data) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = new URL(data.raw_url.replace(/^\//, ""), root).href;
    a.textContent = data.meta.title || data.raw_url;
    li.append(a, excerpt(data.excerpt));
    return li;
  };

  async function load() {
    const pf = await import(new URL(`${bundles[0]}/pagefind.js`, root).href);
    await Promise.all(bundles.slice(1).map((b) => pf.mergeIndex(new URL(`${b}/`, root).href)));
    return pf;
  }

  async function search() {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      pagefind ??= load();
      const found = await (await pagefind).debouncedSearch(q, {}, 150);
      if (found === null || mine !== seq) return;
      const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
      if (mine !== seq) return;
      list.replaceChildren(...data.map(item));
      const n = found.results.length;
      status.textContent = n ? `${n} page${n === 1 ? "" : "s"} found` : "Nothing found.";
    } catch {
      pagefind = null;
      status.textContent = "Search needs the site served over http(s).";
    }
  }

  form.hidden = false;
  form.addEventListener("submit", (e) => e.preventDefault());
  input.addEventListener("input", search);
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search();
  }
})();

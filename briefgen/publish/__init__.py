"""Publishing the built site: one small publisher per target scheme behind one interface.

`briefgen.publish.run.publish()` builds, checks and hands the site to the publisher.
"""

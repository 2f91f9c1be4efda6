"""`vanthu serve`: the archive in a web browser (Starlette, Jinja2, one stylesheet, one small script).

A layer beside ``cli``: it calls the same library (pipeline, graph, index, archive) and never the
CLI; only ``cli/serve_cmd.py`` imports it, to start it. Templates and static files ship inside
the package; the browser fetches nothing from the internet.
"""

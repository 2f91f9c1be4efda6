"""vanthu — a searchable archive of Vietnamese directives (văn thư: the records office).

The stages are exposed by name; they load lazily so that ``vanthu --help`` starts at once.
"""

__version__ = "0.1.0"

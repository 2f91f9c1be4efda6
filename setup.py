"""Packages of vanthu: the repository root installs as `vanthu`, every folder with an
``__init__.py`` below it (but tests and benchmarks) as its subpackage.

setuptools' own finder names packages after their folders ("archive"), and the root folder has
no name of its own to prefix them with, so they are found here and prefixed. Metadata is in
pyproject.toml.
"""

from setuptools import find_packages, setup

_NOT_SHIPPED = ["tests", "tests.*", "benchmarks", "benchmarks.*", "build", "build.*"]

setup(packages=["vanthu", *(f"vanthu.{p}" for p in find_packages(".", exclude=_NOT_SHIPPED))])

"""Which packages the wheel holds (everything else is in pyproject.toml).

``web/`` (templates, static files, compiled UI catalogs) stays at the top of the
checkout and goes into the package as ``tmgr.web_assets``; ``tmgr.assets`` finds it
in either place.
"""

from setuptools import find_namespace_packages, setup

PACKAGES = [name for name in find_namespace_packages(include=["tmgr", "tmgr.*"])
            if "__pycache__" not in name]

setup(packages=[*PACKAGES, "tmgr.web_assets"], package_dir={"tmgr.web_assets": "web"})

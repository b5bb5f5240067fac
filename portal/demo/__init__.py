"""The one demo loader: builds the demo site from every app's `demo/` folder of YAML files.

An app registers its folder by setting ``demo_folder`` on its AppConfig (a path
relative to the app, usually ``"demo"``). A folder may hold:

- ``images.yaml`` and ``documents.yaml``: pictures and PDF briefs the loader makes;
- ``snippets/*.yaml``: rows of one model each (``model``, ``lookup``, ``items``);
- ``pages/*.yaml``: one page per file, every language in the same file, loaded
  in file-name order so that parents come first.

Everything is created when missing and never overwritten, so a second run
changes nothing and staff edits made through the admin survive a re-run.
"""

from .loader import DemoLoader, demo_folders, load_demo_content

__all__ = ["DemoLoader", "demo_folders", "load_demo_content"]

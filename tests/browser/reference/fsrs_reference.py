"""fsrs_reference.py: schedules grade sequences with py-fsrs (PyPI `fsrs`, by the FSRS authors), the independent
reference the browser tests compare the site's ts-fsrs schedules with.

Reads JSON on stdin: {"retention": 0.9, "maximum_interval": 36500,
                      "sequences": [[{"rating": 1-4, "at": epoch ms}, ...], ...]}
Writes JSON on stdout: {"version": "6.x", "parameters": [...], "sequences": [[{"due": epoch ms, "stability",
                        "difficulty", "state": 1-3}, ...], ...]}: the card after each review, fuzzing off."""
import json
import sys
from datetime import datetime, timezone
from importlib.metadata import version

from fsrs import Card, Rating, Scheduler


def ms(moment):
    return round(moment.timestamp() * 1000)


def main():
    request = json.load(sys.stdin)
    scheduler = Scheduler(
        desired_retention=request["retention"],
        maximum_interval=request["maximum_interval"],
        enable_fuzzing=False,
    )
    out = []
    for sequence in request["sequences"]:
        card, steps = Card(), []
        for review in sequence:
            at = datetime.fromtimestamp(review["at"] / 1000, tz=timezone.utc)
            card, _ = scheduler.review_card(card, Rating(review["rating"]), at)
            steps.append({"due": ms(card.due), "stability": card.stability,
                          "difficulty": card.difficulty, "state": int(card.state)})
        out.append(steps)
    json.dump({"version": version("fsrs"), "parameters": list(scheduler.parameters), "sequences": out}, sys.stdout)


if __name__ == "__main__":
    main()

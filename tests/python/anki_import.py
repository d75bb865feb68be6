"""Imports an Anki text file into a collection as Anki's desktop app does (File > Import:
the file's header read into import settings, then the CSV import), and prints the import's
counts and every note of the collection as JSON. Used by tests/anki.rs.

Usage: anki_import.py COLLECTION.anki2 FILE.txt [EXPORT.txt]
With EXPORT.txt, the collection's notes are then exported there as the desktop app's
"Notes in Plain Text" does (HTML, tags, deck, note type and GUID columns).
"""

import json
import sys

from anki.collection import Collection, ImportCsvRequest


def main(collection_path: str, text_path: str, export_path: str | None) -> None:
    col = Collection(collection_path)
    try:
        metadata = col.get_csv_metadata(path=text_path, delimiter=None)
        result = col.import_csv(ImportCsvRequest(path=text_path, metadata=metadata))
        notes = []
        for note_id in sorted(col.find_notes("")):
            note = col.get_note(note_id)
            card = note.cards()[0]
            notes.append(
                {
                    "guid": note.guid,
                    "notetype": note.note_type()["name"],
                    "deck": col.decks.name(card.did),
                    "fields": note.fields,
                    "tags": sorted(note.tags),
                    "question": card.question(),
                    "answer": card.answer(),
                }
            )
        if export_path:
            col.export_note_csv(
                out_path=export_path,
                limit=None,
                with_html=True,
                with_tags=True,
                with_deck=True,
                with_notetype=True,
                with_guid=True,
            )
        log = result.log
        print(
            json.dumps(
                {
                    "new": len(log.new),
                    "updated": len(log.updated),
                    "duplicate": len(log.duplicate),
                    "conflicting": len(log.conflicting),
                    "notes": notes,
                }
            )
        )
    finally:
        col.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)

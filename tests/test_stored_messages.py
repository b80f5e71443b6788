"""Stored English (an engine's failure kept with a translation) is recognised as one of the
catalog's templates, parameters and all, so the web can say it in be or ru."""

from __future__ import annotations

from tmgr.qa.messages import Message, Templates

BE = {"%(engine)s unreachable (%(detail)s)": "%(engine)s недаступны (%(detail)s)",
      "no answer within %(seconds)s s": "няма адказу за %(seconds)s с",
      "connection refused": "у злучэнні адмоўлена",
      "%(name)s (%(role)s) may not %(action)s": "%(name)s (%(role)s) не мае права: %(action)s",
      "approve": "зацвярджаць", "editor": "рэдактар"}


def test_nested_templates_are_recognised_and_said_again() -> None:
    templates = Templates(BE)
    found = templates.recognise("google unreachable (no answer within 10 s)")
    assert isinstance(found, Message) and found.template == "%(engine)s unreachable (%(detail)s)"
    assert found.translate(lambda s: BE.get(s, s)) == "google недаступны (няма адказу за 10 с)"
    refused = templates.recognise("libre unreachable (connection refused)")
    assert refused.translate(lambda s: BE.get(s, s)) == "libre недаступны (у злучэнні адмоўлена)"


def test_names_stay_names_and_unknown_text_stays_as_it_is() -> None:
    templates = Templates(BE)
    said = templates.recognise(Message("%(name)s (%(role)s) may not %(action)s", name="editor",
                                       role="editor", action="approve"))
    assert said.translate(lambda s: BE.get(s, s)) == \
        "editor (рэдактар) не мае права: зацвярджаць", "a user called 'editor' keeps the name"
    assert templates.recognise("Мінск заклікае да перамоў") == "Мінск заклікае да перамоў"
    assert not isinstance(templates.recognise("approved by anna"), Message)

"""The UI language a user chooses is kept with their account: their notifications and
mail are written in it, whoever acts, and it comes back at their next sign-in."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

from tests.deskservers import smtp_server
from tests.web.test_desk_web import _assign


def test_chosen_language_follows_the_user_into_mail_and_the_next_sign_in(
        as_user, sample_doc, monkeypatch) -> None:
    translator = as_user("tr_be")
    translator.form("/account/notifications", {"email": "tr@example.org",
                                               "kind": ["assigned"]},
                    page="/account/notifications")
    translator.form("/ui-language", {"ui_lang": "be", "next": "/"})
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        editor = as_user("editor")  # an English UI: the words are still the reader's
        _assign(editor, sample_doc, translator="tr_be")
        (_to, mail), = smtp.wait_for(1)
    subject = message_from_bytes(mail.as_bytes(), policy=default)["Subject"]
    assert subject.startswith("[tmgr] вас прызначылі: Вы — перакладчык тэксту «")
    again = as_user("tr_be")  # a new sign-in, a new browser
    page = again.get("/notifications").get_data(as_text=True)
    assert 'lang="be"' in page and "Вы — перакладчык тэксту «" in page


def test_digest_choice_is_saved_on_the_account_page_in_russian(as_user) -> None:
    user = as_user("tr_be")
    user.form("/ui-language", {"ui_lang": "ru", "next": "/"})
    user.form("/account/notifications", {"email": "tr@example.org", "kind": ["assigned"],
                                         "digest": "1"}, page="/account/notifications")
    page = user.get("/account/notifications").get_data(as_text=True)
    assert 'name="digest" value="1" checked' in page
    assert "одно письмо раз в 15 минут" in page
    user.form("/account/notifications", {"email": "tr@example.org", "kind": ["assigned"]},
              page="/account/notifications")
    page = user.get("/account/notifications").get_data(as_text=True)
    assert 'name="digest" value="1" checked' not in page

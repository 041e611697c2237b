#!/usr/bin/python3
"""mail_check.py — an independent reading of an email stipple sent (Python's email package).

Usage: /usr/bin/python3 tests/tools/mail_check.py FILE.eml

Parses the message with the standard library's strict policy and checks what every mail reader
needs: From, To, Subject, Date and Message-ID headers (a parseable date; no header that was
folded into another), MIME-Version 1.0, a text/plain part in UTF-8 that decodes. Any
text/calendar attachment is written next to FILE as FILE.ics for ics_check.py. Prints a JSON
summary {from, to, subject, date, message_id, text, attachments: [{filename, content_type,
method}]} and exits 0, or prints the problems to stderr and exits 1.
"""
import email
import email.policy
import email.utils
import json
import sys


def main():
    path = sys.argv[1]
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.strict)
    problems = []
    for h in ("From", "To", "Subject", "Date", "Message-ID"):
        if msg[h] is None:
            problems.append("no %s header" % h)
    if msg["Date"] is not None and email.utils.parsedate_to_datetime(str(msg["Date"])) is None:
        problems.append("an unreadable Date")
    if str(msg.get("MIME-Version", "")).strip() != "1.0":
        problems.append("MIME-Version is not 1.0")
    text = None
    attachments = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if part.get_filename() or ctype == "text/calendar":
            raw = part.get_payload(decode=True)
            attachments.append({"filename": part.get_filename(), "content_type": ctype,
                                "method": part.get_param("method")})
            if ctype == "text/calendar":
                with open(path + ".ics", "wb") as out:
                    out.write(raw)
        elif ctype == "text/plain" and text is None:
            if (part.get_content_charset() or "").lower() != "utf-8":
                problems.append("the text is not declared UTF-8")
            text = part.get_content()
    if text is None:
        problems.append("no text/plain part")
    if problems:
        for p in problems:
            print("mail_check: %s: %s" % (path, p), file=sys.stderr)
        return 1
    print(json.dumps({"from": str(msg["From"]), "to": str(msg["To"]), "subject": str(msg["Subject"]),
                      "date": str(msg["Date"]), "message_id": str(msg["Message-ID"]),
                      "envelope_to": str(msg["X-Envelope-To"]), "text": text,
                      "attachments": attachments}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

// flash.js — a message for the next screen: a form calls flash("Saved") and then navigates; the
// app announces it in the status live region once the new screen is drawn. Kept apart from
// app.js so screens can use it without importing the app.
let pending = null;

/** flash keeps a message to announce after the next navigation. */
export function flash(text) { pending = text; }

/** takeFlash answers the pending message (or null) and forgets it. */
export function takeFlash() {
  const t = pending;
  pending = null;
  return t;
}

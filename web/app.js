// app.js — the placeholder page's one job: show whether the server and its database answer.
const out = document.getElementById('health');
fetch('/healthz')
  .then((r) => r.json())
  .then((h) => { out.textContent = `Server ${h.status}, database ${h.db}.`; })
  .catch(() => { out.textContent = 'The server did not answer.'; });

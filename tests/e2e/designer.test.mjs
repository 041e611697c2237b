// designer.test.mjs — a practitioner designs a client's hairline. At 1366×768 she opens a demo
// client with a photo (or uploads one in the designer when the demo has none), chooses it as the
// background, draws the treatment area and the hairline with real mouse clicks on the canvas and
// drags a point, picks "feathered", and previews session 1 and then session 3: the pictures come
// from the server's simulator and session 3 is measurably darker inside the area. She uses the
// before/after divider with the mouse and the keyboard, shows two styles side by side, sees a
// refusal of the server next to the density field, saves version 1 and finds it on the client's
// timeline with its area and impressions. On the 768×1024 tablet she opens it as a new version
// and drags a point with a finger. axe-core checks each screen; screenshots 70-….
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, crc32 } from 'node:zlib';
import { startApp, launch, openPage, checkA11y, checkClean, shot as fullShot, signIn, DESK, TABLET } from './lib.mjs';

const app = await startApp();
const browser = await launch();
after(async () => {
  await browser.close();
  await app.srv.stop();
});

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullShot(page, name);
}

const h1 = (page, name) => page.getByRole('heading', { level: 1, name, exact: true });
const apiGet = (page, path) => page.evaluate((p) => fetch(p, { headers: { Accept: 'application/json' } }).then((r) => r.json()), path);

/** png makes a w×h RGB PNG: skin, darker hair at the back of the head, a little shading. */
function png(w, h) {
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const o = y * (w * 3 + 1);
    rows[o] = 0;
    for (let x = 0; x < w; x++) {
      const hair = y < h * 0.12 + 8 * Math.sin(x / 23);
      const shade = 1 - 0.15 * Math.abs(x - w / 2) / (w / 2);
      const [r, g, b] = hair ? [70, 55, 45] : [226 * shade, 190 * shade, 160 * shade];
      rows.set([r, g, b].map(Math.round), o + 1 + x * 3);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The canvas in mm and where it is on the screen, to click at millimetre positions. */
async function canvasBox(page) {
  const svg = page.locator('svg.designer-svg');
  await svg.scrollIntoViewIfNeeded();
  const box = await svg.boundingBox();
  const vb = await svg.evaluate((s) => [s.viewBox.baseVal.width, s.viewBox.baseVal.height]);
  return { W: vb[0], H: vb[1], at: (fx, fy) => [box.x + fx * box.width, box.y + fy * box.height] };
}

/**
 * shown waits for the <img> with exactly this alt text to have loaded and answers, over a
 * rectangle given as fractions of the picture, its mean luminance (0–255) and the share of
 * pixels clearly darker than the median (the dots), with its src and size.
 */
async function shown(page, alt, [fx0, fy0, fx1, fy1] = [0.35, 0.45, 0.65, 0.62]) {
  await page.waitForFunction((a) => [...document.images].some((i) => i.alt === a && i.complete && i.naturalWidth > 0 && i.src.startsWith('blob:')), alt);
  return page.evaluate(({ a, r }) => {
    const img = [...document.images].find((i) => i.alt === a);
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const [x0, y0] = [Math.round(r[0] * c.width), Math.round(r[1] * c.height)];
    const d = g.getImageData(x0, y0, Math.round(r[2] * c.width) - x0, Math.round(r[3] * c.height) - y0).data;
    const lum = [];
    for (let i = 0; i < d.length; i += 4) lum.push(0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]);
    const median = [...lum].sort((x, y) => x - y)[lum.length >> 1];
    const sum = lum.reduce((x, y) => x + y, 0);
    // dots: pixels clearly darker than the skin around them
    const dark = lum.filter((l) => l < median - 25).length / lum.length;
    return { lum: sum / lum.length, dark, src: img.src, w: img.naturalWidth, h: img.naturalHeight };
  }, { a: alt, r: [fx0, fy0, fx1, fy1] });
}

const shared = { clientId: null, clientName: null, designId: null };

test('a practitioner draws a feathered hairline on the client’s photo, previews sessions 1 and 3, compares and saves it', async () => {
  const page = await openPage(browser, DESK);
  await signIn(page, app.url, app.practitioner);

  // a demo client with a photo; otherwise the first one, and the photo is uploaded on the way
  const clients = (await apiGet(page, '/api/v1/clients?limit=20')).items;
  let client = null;
  let photo = null;
  for (const c of clients) {
    const r = await page.evaluate((p) => fetch(p).then((x) => (x.ok ? x.json() : { items: [] })), `/api/v1/clients/${c.id}/photos`);
    if (r.items?.length) { client = c; photo = r.items[0]; break; }
  }
  client = client || clients[0];
  shared.clientId = client.id;
  shared.clientName = `${client.first_name} ${client.last_name}`;

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients', exact: true }).click();
  await h1(page, 'Clients').waitFor();
  await page.goto(`${app.url}/#/clients/${client.id}`);
  await h1(page, shared.clientName).waitFor();
  await page.getByRole('button', { name: 'Design hairline' }).click();
  await h1(page, 'Design a hairline').waitFor();
  await page.getByText('Draw the treatment area to see the simulation.').waitFor();
  await checkA11y(page, 'designer, nothing drawn');
  await shot(page, '70-designer-empty');

  if (!photo) {
    await page.getByText('Add a new photo').click();
    await page.getByLabel('New photo of the').selectOption('front');
    await page.getByLabel('Upload a photo').setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: png(480, 360) });
    await page.getByText('Photo uploaded and chosen as the background.').waitFor();
    photo = (await apiGet(page, `/api/v1/clients/${client.id}/photos`)).items[0];
  }
  const photoRadio = page.getByRole('radio', { name: /^Front photo/ });
  await photoRadio.check();
  assert.equal(await photoRadio.isChecked(), true);
  // the canvas is 200 mm wide and as high as the photo's proportions make it
  let cb = await canvasBox(page);
  assert.equal(cb.W, 200);
  assert.equal(cb.H, Math.round((200 * photo.height) / photo.width));
  assert.equal(await page.locator('svg.designer-svg image').getAttribute('href'), `/api/v1/photos/${photo.id}/image`);

  // the area: four clicks on the canvas, in order
  assert.equal(await page.getByRole('radio', { name: 'Treatment area' }).isChecked(), true, 'the area is drawn first');
  for (const [fx, fy] of [[0.2, 0.25], [0.8, 0.25], [0.8, 0.72], [0.2, 0.72]]) {
    const [x, y] = cb.at(fx, fy);
    await page.mouse.click(x, y);
  }
  await page.getByText('Treatment area: 4 points. Hairline: not drawn.').waitFor();
  // the hairline: three clicks along the front of the area
  await page.getByRole('radio', { name: 'Hairline' }).check();
  cb = await canvasBox(page);
  for (const [fx, fy] of [[0.24, 0.27], [0.5, 0.23], [0.76, 0.27]]) {
    const [x, y] = cb.at(fx, fy);
    await page.mouse.click(x, y);
  }
  await page.getByText('Treatment area: 4 points. Hairline: 3 points.').waitFor();
  // its middle point dragged 5 % of the height forward, in small steps
  const [mx, my] = cb.at(0.5, 0.23);
  await page.mouse.move(mx, my);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(mx, my - (i * 0.05 * cb.H * (await page.locator('svg.designer-svg').boundingBox()).height) / cb.H / 8);
  await page.mouse.up();
  const middle = page.getByRole('button', { name: /^Hairline point 2 of 3, 100 mm from the left, \d+ mm from the top$/ });
  const top = Number(/(\d+) mm from the top/.exec(await middle.getAttribute('aria-label'))[1]);
  assert.ok(Math.abs(top - Math.round(0.18 * cb.H)) <= 1, `the point moved to about ${Math.round(0.18 * cb.H)} mm (${top})`);
  // and one step back up with the keyboard
  await middle.focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('button', { name: `Hairline point 2 of 3, 100 mm from the left, ${top + 1} mm from the top` }).waitFor();

  await page.getByLabel('Hairline style').selectOption('feathered');
  await page.getByText('A long, gentle ramp with scattered single dots in front.').waitFor();
  await page.getByText(/^\d[\d.,]* cm²$/).first().waitFor();
  const area = (0.6 * 200 * 0.47 * cb.H) / 100;
  const shownArea = Number((await page.locator('.design-area-n').innerText()).replace(/[^\d.]/g, ''));
  assert.ok(Math.abs(shownArea - area) < 0.02 * area, `the live area ${shownArea} cm² is the drawn ${area.toFixed(1)} cm²`);
  await shot(page, '71-designer-drawn');

  // session 1, then session 3: the server's pictures, and session 3 is darker inside the area
  await page.getByLabel('Session', { exact: true }).selectOption('1');
  const s1 = await shown(page, 'Simulated scalp after session 1 of 3, fresh');
  await page.getByRole('status').filter({ hasText: 'Up to date.' }).waitFor();
  assert.equal(s1.w, 200 * 4, 'previews are drawn at 4 px per mm');
  await shot(page, '72-designer-session1');
  await page.getByLabel('Session', { exact: true }).selectOption('3');
  const s3 = await shown(page, 'Simulated scalp after session 3 of 3, fresh');
  await page.getByRole('status').filter({ hasText: 'Up to date.' }).waitFor();
  assert.notEqual(s3.src, s1.src, 'a new picture');
  assert.ok(s3.lum < s1.lum, `session 3 is darker inside the area than session 1 (${s3.lum.toFixed(1)} < ${s1.lum.toFixed(1)})`);
  assert.ok(s3.dark > 1.8 * s1.dark, `session 3 has far more dots inside the area than session 1 (${s3.dark.toFixed(3)} vs ${s1.dark.toFixed(3)})`);
  await shot(page, '73-designer-session3');

  // before and after: the divider moves with the keyboard and the mouse
  await page.getByRole('radio', { name: 'Before and after' }).check();
  const before = await shown(page, 'The scalp before treatment');
  const afterPic = await shown(page, 'Simulated scalp after session 3 of 3, fresh');
  assert.ok(before.lum > afterPic.lum && before.dark < afterPic.dark / 4,
    `before (${before.lum.toFixed(1)}, dots ${before.dark.toFixed(3)}) is bare next to after session 3 (${afterPic.lum.toFixed(1)}, ${afterPic.dark.toFixed(3)})`);
  const slider = page.getByRole('slider', { name: 'Before and after divider' });
  assert.equal(await slider.inputValue(), '50');
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await slider.inputValue(), '60');
  assert.equal(await slider.getAttribute('aria-valuetext'), '60 % before, 40 % after');
  const sb = await slider.boundingBox();
  await page.mouse.move(sb.x + sb.width * 0.6, sb.y + sb.height / 2);
  await page.mouse.down();
  await page.mouse.move(sb.x + sb.width * 0.45, sb.y + sb.height / 2, { steps: 5 });
  await page.mouse.move(sb.x + sb.width * 0.3, sb.y + sb.height / 2, { steps: 5 });
  await page.mouse.up();
  const v = Number(await slider.inputValue());
  assert.ok(v >= 27 && v <= 33, `the divider was dragged to about 30 % (${v})`);
  assert.match(await page.locator('.ba-after').evaluate((e) => e.style.clipPath), new RegExp(`inset\\(0(px)? 0(px)? 0(px)? ${v}%\\)`));
  await shot(page, '74-designer-before-after');

  // two styles side by side
  await page.getByRole('radio', { name: 'Two styles' }).check();
  await page.getByLabel('Left style').selectOption('soft');
  await page.getByLabel('Right style').selectOption('jagged');
  const soft = await shown(page, 'Soft hairline after session 3 of 3, fresh');
  const jagged = await shown(page, 'Jagged hairline after session 3 of 3, fresh');
  assert.notEqual(soft.src, jagged.src);
  const [a, b] = [await page.getByRole('img', { name: /^Soft hairline/ }).boundingBox(), await page.getByRole('img', { name: /^Jagged hairline/ }).boundingBox()];
  assert.ok(Math.abs(a.y - b.y) < 2 && b.x > a.x + a.width - 2, 'the two styles are side by side');
  await checkA11y(page, 'designer, two styles');
  await shot(page, '75-designer-two-styles');

  // a value the server refuses is shown next to its field; putting it right clears it
  const density = page.getByLabel('Density per cm²');
  await density.fill('500');
  const refusal = page.getByText('Density per cm² must be a number from 1 to 300', { exact: true });
  await refusal.waitFor();
  assert.equal(await density.getAttribute('aria-invalid'), 'true');
  assert.match(await density.evaluate((i) => document.getElementById(i.getAttribute('aria-describedby').split(' ').pop()).textContent),
    /must be a number from 1 to 300/, 'the message is tied to the field');
  await page.getByRole('status').filter({ hasText: /^Not drawn: Density per cm² must be/ }).waitFor();
  await density.fill('80');
  await refusal.waitFor({ state: 'hidden' });
  await page.getByRole('status').filter({ hasText: 'Showing both styles.' }).waitFor();

  await page.getByRole('button', { name: 'Save version' }).click();
  await h1(page, 'Hairline design, version 1').waitFor();
  await page.getByRole('status').getByText('Saved version 1').waitFor();
  shared.designId = Number(/#\/designs\/(\d+)/.exec(page.url())[1]);
  const saved = await apiGet(page, `/api/v1/designs/${shared.designId}`);
  assert.equal(saved.design.hairline.style, 'feathered');
  assert.equal(saved.design.background, `photo:${photo.id}`);
  assert.equal(saved.design.area.length, 4);
  for (const k of [1, 2, 3]) await page.getByRole('img', { name: `Simulated scalp after session ${k} of 3, fresh` }).waitFor();
  await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
  await page.getByRole('link', { name: 'Download the design sheet (PDF)' }).waitFor();
  await page.getByRole('cell', { name: `${saved.impressions_per_session[0].toLocaleString('en-GB')}` }).first().waitFor();
  await checkA11y(page, 'saved design');
  await shot(page, '76-design-saved');

  // the client's timeline lists it with its area and impressions
  await page.getByRole('link', { name: shared.clientName }).first().click();
  await h1(page, shared.clientName).waitFor();
  const item = page.getByRole('list', { name: /designs, newest first/ }).getByRole('listitem').filter({ hasText: 'Hairline design, version 1' });
  await item.waitFor();
  const text = await item.innerText();
  const nf = new Intl.NumberFormat('en-GB');
  assert.match(text, new RegExp(`${nf.format(Math.round(saved.area_cm2 * 10) / 10).replace('.', '\\.')} cm²`));
  for (const n of saved.impressions_per_session) assert.ok(text.includes(nf.format(n)), `the timeline shows ${n} impressions`);
  await item.getByRole('link', { name: 'Hairline design, version 1' }).waitFor();
  await item.scrollIntoViewIfNeeded();
  await shot(page, '77-client-timeline-design');
  checkClean(page, 'designer at the desk');
});

test('on the tablet the saved design opens as a new version and a point drags with a finger', async () => {
  const page = await openPage(browser, TABLET, { hasTouch: true });
  await signIn(page, app.url, app.practitioner);
  await page.goto(`${app.url}/#/designs/${shared.designId}`);
  await h1(page, 'Hairline design, version 1').waitFor();
  await page.getByRole('button', { name: 'Edit as new version' }).click();
  await h1(page, 'Design a hairline').waitFor();
  await page.getByText(/starting from version 1/).waitFor();
  await page.getByText('Treatment area: 4 points. Hairline: 3 points.').waitFor();
  assert.equal(await page.getByLabel('Hairline style').inputValue(), 'feathered');

  // a finger on the hairline's first point, dragged down by 10 % of the height
  await page.getByRole('radio', { name: 'Hairline' }).check();
  const cb = await canvasBox(page);
  const first = page.getByRole('button', { name: /^Hairline point 1 of 3,/ });
  const y0 = Number(/(\d+) mm from the top/.exec(await first.getAttribute('aria-label'))[1]);
  const x0 = Number(/, (\d+) mm from the left/.exec(await first.getAttribute('aria-label'))[1]);
  const [sx, sy] = cb.at(x0 / cb.W, y0 / cb.H);
  const box = await page.locator('svg.designer-svg').boundingBox();
  const dy = (0.1 * box.height);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: sx, y, id: 1 }] });
  await touch('touchStart', sy);
  for (let i = 1; i <= 6; i++) await touch('touchMove', sy + (dy * i) / 6);
  await touch('touchEnd');
  const moved = Number(/(\d+) mm from the top/.exec(await first.getAttribute('aria-label'))[1]);
  assert.ok(Math.abs(moved - (y0 + 0.1 * cb.H)) <= 1.5, `the point followed the finger to about ${(y0 + 0.1 * cb.H).toFixed(0)} mm (${moved})`);
  await shown(page, 'Simulated scalp after session 1 of 3, fresh');
  await checkA11y(page, 'designer on the tablet');
  await shot(page, '78-designer-tablet');
  checkClean(page, 'designer on the tablet');
});

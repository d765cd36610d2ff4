// Checks a rendered page the way a person would notice the problem, shared by `make screens`
// (screens.mjs, every screen at every width) and the browser journeys (journeys.mjs).
//
//   datesOutOfRule(page)      dates and times written another way than the app's one rule
//                             (shared/ui/when.ts: "7 Dec 2026", "Mon, 7 Dec 2026", "09:00", "in 3 days")
//   widthProblems(page, w)    the page wider than a w-px screen, as drawn (naming what widens it) and
//                             after focusing each field (a focused field that grows, a keyboard hint,
//                             a native slider's box)
//   overlappingChartText(page) text labels of a drawn chart whose boxes intersect

/** Ways of writing a date or a time that the one rule never produces, each with a name for the failure. */
const OUT_OF_RULE = [
  ['a numeric date (12/7/26)', /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/],
  ['an ISO date shown as text (2026-12-07)', /\b\d{4}-\d{2}-\d{2}\b/],
  ['month before day (Dec 7, 2026)', /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2},? \d{4}\b/],
  ['a time with seconds (09:00:00)', /\b\d{1,2}:\d{2}:\d{2}\b/],
  ['a 12-hour time (9:00 AM)', /\b\d{1,2}:\d{2}\s?(?:AM|PM|am|pm)\b/],
  ['an hour without its leading zero (9:00)', /(?<![\d:])\d:\d{2}\b/],
];

/** Text a person reads: the visible text, and the names screen readers announce (aria-label, title). */
async function readableText(page) {
  return page.evaluate(() => {
    const names = [...document.querySelectorAll('[aria-label], [title]')]
      .map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`);
    return `${document.body.innerText}\n${names.join('\n')}`;
  });
}

/** Each date or time written out of rule, as "what (the text around it)"; empty when every one follows it. */
export async function datesOutOfRule(page) {
  const text = await readableText(page);
  const found = [];
  for (const line of text.split('\n')) {
    for (const [what, pattern] of OUT_OF_RULE) {
      const match = line.match(pattern);
      if (match) found.push(`${what}: “${line.trim().slice(0, 80)}”`);
    }
  }
  return [...new Set(found)];
}

/** How wide the page is; wider than the screen means a phone scrolls sideways. */
function pageWidth(page) {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

/**
 * What widens the page past `width` px, as the last few steps of the path to the deepest element whose
 * hiding brings the page back within the screen ("div.links > a.waitlist"); '' when no single one does.
 * Found by hiding rather than by comparing boxes with the screen, because the widening is often no box a
 * person sees: a visually hidden header escaping its table's scrolling box (it was positioned against the
 * page), the undrawn part of a floated field label. Nor does it compare with innerWidth: on a phone the
 * browser widens its layout viewport to the page, so innerWidth is 364 on a 320 px screen.
 */
function widenedBy(page, width) {
  return page.evaluate((screen) => {
    const wide = () => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) > screen;
    const fitsWithout = (element) => {
      const [value, priority] = [element.style.getPropertyValue('display'), element.style.getPropertyPriority('display')];
      element.style.setProperty('display', 'none', 'important');
      const fits = !wide();
      if (value) element.style.setProperty('display', value, priority);
      else element.style.removeProperty('display');
      return fits;
    };
    const name = (e) => e.tagName.toLowerCase() + [...e.classList]
      .filter((c) => /^mdc-notched-outline(__\w+)?$/.test(c) || !/^(ng-|cdk-|_?mat-|mdc-)/.test(c)).slice(0, 2).map((c) => `.${c}`).join('');
    const path = [];
    for (let node = document.body; node; ) {
      node = [...node.children].find(fitsWithout);
      if (node) path.push(name(node));
    }
    return path.slice(-5).join(' > ');
  }, width);
}

/**
 * The page's width problems on a `width`-px screen: as drawn, then after focusing each visible field
 * in turn (the check-in's text field grew the page to 473 px once focused), a field counted only when it
 * makes the page wider than it was drawn. Focus is put back at the end. A page too wide as drawn names
 * what widens it.
 */
export async function widthProblems(page, width) {
  const problems = [];
  const drawn = await pageWidth(page);
  if (drawn > width) {
    const culprit = await widenedBy(page, width);
    problems.push(`the page is ${drawn} px wide on a ${width} px screen${culprit ? ` (widened by ${culprit})` : ''}`);
  }
  const fields = page.locator('input:not([type=hidden]), textarea, select, [contenteditable=true], [role=slider]');
  const count = await fields.count();
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    if (!(await field.isVisible().catch(() => false))) continue;
    const name = await field.evaluate((e) => e.getAttribute('aria-label') || e.labels?.[0]?.innerText || e.getAttribute('name') || e.id || e.tagName);
    await field.focus().catch(() => {});
    await page.waitForTimeout(60); // a label floats, a hint appears
    const focused = await pageWidth(page);
    if (focused > Math.max(width, drawn)) problems.push(`focusing “${String(name).trim().slice(0, 40)}” makes the page ${focused} px wide`);
  }
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.evaluate(() => window.scrollTo(0, 0));
  return [...new Set(problems)];
}

/**
 * Text labels that overlap in the drawn charts (ECharts' SVG): for each chart, the boxes of its
 * visible `text` elements, compared pair by pair; two labels overlap when their boxes intersect by more
 * than a pixel each way. Returns "chart: “a” × “b”" for each pair.
 */
export async function overlappingChartText(page, chartSelector = 'app-chart .canvas svg') {
  return page.evaluate((selector) => {
    const problems = [];
    document.querySelectorAll(selector).forEach((svg, chartIndex) => {
      const chartName = svg.closest('figure, section')?.querySelector('h2, h3, figcaption')?.textContent?.trim() || `chart ${chartIndex + 1}`;
      const labels = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim() && getComputedStyle(t).visibility !== 'hidden' && getComputedStyle(t).display !== 'none'
          && Number(t.getAttribute('fill-opacity') ?? t.getAttribute('opacity') ?? 1) > 0)
        .map((t) => ({ text: t.textContent.trim(), box: t.getBoundingClientRect() }))
        .filter((l) => l.box.width > 0 && l.box.height > 0);
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i].box;
          const b = labels[j].box;
          const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (dx > 1 && dy > 1) problems.push(`${chartName}: “${labels[i].text}” × “${labels[j].text}”`);
        }
      }
    });
    return problems;
  }, chartSelector);
}

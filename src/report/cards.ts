import { renderCard } from '../cards/render.js';
import type { Card } from '../core/types.js';
import { t } from '../i18n/index.js';
import { REPORT_ACTIONS as A } from './verbs.js';

/** The report is ready: a button that asks for a link (a link made now would die in 15 minutes). */
export function readyCard(pid: string, reportId: string): Card {
  return renderCard('report/ready', {
    fallback: t.report.ready,
    text: t.report.ready,
    buttons: { download: A.download.button({ pid, reportId }) },
    labels: { download: t.report.download },
  });
}

/** A fresh 15-minute link, and the button for the next one. */
export function downloadCard(pid: string, reportId: string, url: string): Card {
  return renderCard('report/download', {
    fallback: t.report.linkReady,
    text: t.report.linkReady,
    url,
    buttons: { again: A.download.button({ pid, reportId }) },
    labels: { open: t.report.open, again: t.report.download },
  });
}

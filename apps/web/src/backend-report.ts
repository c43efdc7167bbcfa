import type { BackendSelection, BackendStatus } from '@rnn/models';

/** Renders which backends work in this browser, and which one the app uses, as an HTML fragment. */
export function backendReportHtml(statuses: readonly BackendStatus[], selection: BackendSelection): string {
  const rows = statuses
    .map((s) => {
      const state = s.trains ? 'trains' : s.available ? 'loads' : 'unavailable';
      const chosen = s.name === selection.name ? ' aria-current="true"' : '';
      const detail = s.remedy ? `${s.reason} (${s.remedy})` : s.reason;
      return `<tr${chosen}><td>${escapeHtml(s.name)}</td><td>${state}</td><td>${escapeHtml(detail)}</td></tr>`;
    })
    .join('');
  return (
    `<p>Using <strong>${escapeHtml(selection.name)}</strong>: ${escapeHtml(selection.reason)}</p>` +
    `<table><thead><tr><th>backend</th><th>state</th><th>why</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

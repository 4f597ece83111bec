// An event's popup on the map: plain DOM (Leaflet owns the popup), with a link that navigates in the app.
import { formatDateTime } from '../../../lib/format.ts';
import type { MapEvent } from '../map-api.ts';
import { stateColour } from '../map-colours.ts';

export type PopupLabels = { code: string; category: string; state: string; stateName: string; deadline: string; open: string };

const row = (label: string, value: Node | string) => {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  th.textContent = label;
  th.style.cssText = 'text-align:left;font-weight:normal;color:#6b7280;padding:2px 12px 2px 0;white-space:nowrap;vertical-align:top';
  const td = document.createElement('td');
  td.append(value);
  tr.append(th, td);
  return tr;
};

/** `open` is called instead of following the link, so the app navigates without reloading. */
export const createEventPopup = (e: MapEvent, l: PopupLabels, open: (path: string) => void): HTMLElement => {
  const box = document.createElement('div');
  box.dataset.testid = 'event-popup';
  const table = document.createElement('table');
  table.style.cssText = 'border-collapse:collapse;font-size:13px;margin-bottom:6px';
  const state = document.createElement('span');
  state.textContent = l.stateName;
  state.style.cssText = `display:inline-block;padding:0 6px;border-radius:4px;color:#fff;background:${stateColour(e.state)}`;
  table.append(row(l.code, e.code), row(l.category, e.categoryName), row(l.state, state));
  if (e.deadline && !['closed', 'rejected', 'merged'].includes(e.state)) table.append(row(l.deadline, formatDateTime(e.deadline)));
  const path = `/console/events/${e.id}`;
  const link = document.createElement('a');
  link.href = path;
  link.textContent = l.open;
  link.addEventListener('click', (ev) => {
    ev.preventDefault();
    open(path);
  });
  box.append(table, link);
  return box;
};

'use strict';
// The infection control board: the live alert feed (GET /api/alerts, then GET /api/alerts/stream),
// the nurse's actions on an alert, and the current month's ward overview. Plain browser JavaScript,
// no libraries: the page is served by the platform itself, behind its own login (HTTP Basic, which
// the browser keeps and sends with every same-origin request, the event stream included).

const KIND = {
  CLUSTER: 'Possible outbreak',
  ENVIRONMENT: 'Environmental sample',
  STERILIZATION_FAILURE: 'Sterilization failure',
};
const STATUS = { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', CLOSED: 'Closed' };
const OUTCOME = { CONFIRMED_OUTBREAK: 'confirmed outbreak', FALSE_ALARM: 'false alarm' };
const INDICATOR = {
  BOWIE_DICK: 'Bowie-Dick test',
  CHEMICAL_INDICATOR: 'chemical indicator',
  BIOLOGICAL_INDICATOR: 'biological indicator',
};
const SAMPLE = {
  AIR: 'Air',
  SURFACE: 'Surfaces',
  HANDS: 'Staff hands',
  DISINFECTANT_IN_USE: 'Disinfectant in use',
  STERILE_STORAGE_FLUID: 'Sterile storage fluid',
  STERILIZED_ITEM: 'Sterilized items',
};
const DEVICES = ['CENTRAL_LINE', 'URINARY_CATHETER', 'VENTILATOR'];
const OVERVIEW_REFRESH_MS = 60000;

const state = {
  alerts: new Map(),       // alertId -> alert, as the API shows it
  elements: new Map(),     // alertId -> its <li>, kept so an open "what triggered it" stays open
  listLoaded: false,
  pending: [],             // stream events that arrived before the list
  lastEventId: null,       // the id of the last alert event, to resume after the stream was closed
  retryMs: 1000,
  source: null,
  context: { month: null, timeZone: 'UTC', haiIncidencePercentBelow: null, parked: {} },
  overviewWards: new Set(),
  overviewTimer: null,
  fresh: new Set(),        // alerts that arrived live since the last drawing, to highlight
};

const $ = (selector, root = document) => root.querySelector(selector);

// ---------- talking to the platform ----------

/**
 * An address on this platform. Built on the origin, never on the page's own address: a page opened
 * as http://user:password@host/ would otherwise hand its credentials to every request, which
 * browsers refuse. The browser still signs each request with the login it keeps for the site.
 */
const at = (path) => new URL(path, window.location.origin).toString();

async function api(path, options = {}) {
  const response = await fetch(at(path), {
    credentials: 'same-origin',
    ...options,
    headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  if (!response.ok) {
    throw new Error(await problemText(response));
  }
  return response.status === 204 ? null : response.json();
}

/** The problem+json the platform answers with, in a sentence. */
async function problemText(response) {
  if (response.status === 401) return 'You are not signed in any more: reload the page to sign in.';
  if (response.status === 403) return 'Your role does not allow this.';
  try {
    const problem = await response.json();
    const fields = (problem.errors || []).map((e) => `${e.field} ${e.message}`).join('; ');
    return [problem.detail || problem.title, fields].filter(Boolean).join(': ');
  } catch (notJson) {
    return `The platform answered ${response.status}.`;
  }
}

// ---------- the live feed ----------

function connect() {
  const resume = state.lastEventId !== null;
  const url = '/api/alerts/stream' + (resume ? `?lastEventId=${encodeURIComponent(state.lastEventId)}` : '');
  const source = new EventSource(at(url));
  state.source = source;
  // Resuming, the stream itself sends what changed meanwhile; otherwise the list is (re)loaded.
  if (!resume) {
    state.listLoaded = false;
    state.pending = [];
  }
  source.onopen = () => {
    state.retryMs = 1000;
    setConnection('live');
    if (!state.listLoaded) loadAlerts();
  };
  source.addEventListener('alert', (event) => {
    state.lastEventId = event.lastEventId;
    const alert = JSON.parse(event.data);
    if (state.listLoaded) {
      upsert(alert);
      render();
    } else {
      state.pending.push(alert);
    }
  });
  source.onerror = () => {
    setConnection('down');
    // CONNECTING: the browser retries by itself, sending the last id it saw. CLOSED: it gave up
    // (the platform answered with an error, e.g. while restarting): start a new stream ourselves.
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(connect, state.retryMs);
      state.retryMs = Math.min(state.retryMs * 2, 30000);
    }
  };
}

async function loadAlerts() {
  try {
    const alerts = await api('/api/alerts');
    state.alerts = new Map(alerts.map((a) => [a.alertId, a]));
    // Changes that came through the stream while the list was on its way are at least as new.
    state.pending.forEach(upsert);
    state.pending = [];
    state.listLoaded = true;
    showMessage('#feed-message', null);
    render();
  } catch (error) {
    showMessage('#feed-message', `The alerts could not be loaded: ${error.message} Trying again…`);
    setTimeout(loadAlerts, 5000);
  }
}

function upsert(alert) {
  const known = state.alerts.get(alert.alertId);
  state.alerts.set(alert.alertId, alert);
  if (!known && state.listLoaded) state.fresh.add(alert.alertId);
  // A failed sample or load changes the compliance figures too: refigure the overview soon.
  if (!known && alert.type !== 'CLUSTER') scheduleOverview(1500);
}

function setConnection(connection) {
  const element = $('#connection');
  element.dataset.state = connection;
  element.textContent = {
    live: 'Live: new alerts appear here as they are raised',
    down: 'Connection lost: reconnecting… alerts shown may be out of date',
    connecting: 'Connecting to the live alert feed…',
  }[connection];
}

// ---------- drawing the feed ----------

function filters() {
  return {
    ward: $('#filter-ward').value,
    type: $('#filter-type').value,
    status: $('#filter-status').value,
  };
}

function matches(alert, f) {
  if (f.ward && alert.wardId !== f.ward) return false;
  if (f.type && alert.type !== f.type) return false;
  if (f.status === 'ACTIVE') return alert.status !== 'CLOSED';
  return !f.status || alert.status === f.status;
}

function render() {
  refreshWardChoices();
  const f = filters();
  const shown = [...state.alerts.values()]
    .filter((a) => matches(a, f))
    .sort((a, b) => (b.raisedAt || '').localeCompare(a.raisedAt || '') || a.alertId.localeCompare(b.alertId));
  const list = $('#alerts');
  const keep = new Set(shown.map((a) => a.alertId));
  [...list.children].forEach((child) => { if (!keep.has(child.dataset.alertId)) child.remove(); });
  shown.forEach((alert, index) => {
    const element = elementFor(alert);
    if (list.children[index] !== element) list.insertBefore(element, list.children[index] || null);
  });
  const open = [...state.alerts.values()].filter((a) => a.status === 'OPEN').length;
  $('#alert-count').textContent = `(${shown.length} shown, ${open} open)`;
  $('#no-alerts').hidden = !state.listLoaded || shown.length > 0;
  state.fresh = new Set();
}

function elementFor(alert) {
  let element = state.elements.get(alert.alertId);
  if (!element) {
    element = $('#alert-template').content.firstElementChild.cloneNode(true);
    element.dataset.alertId = alert.alertId;
    wireActions(element, alert.alertId);
    const trigger = $('details.trigger', element);
    trigger.addEventListener('toggle', () => { if (trigger.open) showTrigger(element); });
    state.elements.set(alert.alertId, element);
  }
  fill(element, alert);
  if (state.fresh.has(alert.alertId)) {
    element.classList.remove('fresh');
    void element.offsetWidth; // restart the highlight
    element.classList.add('fresh');
  }
  return element;
}

function fill(element, alert) {
  element.dataset.status = alert.status;
  element.dataset.type = alert.type;
  $('.kind', element).textContent = KIND[alert.type] || alert.type;
  $('.status', element).textContent = STATUS[alert.status] || alert.status;
  const raised = $('.raised', element);
  raised.dateTime = alert.raisedAt;
  raised.textContent = `raised ${when(alert.raisedAt)}`;
  $('.title', element).textContent = title(alert);
  $('.detail', element).textContent = alert.detail || '';
  $('.who', element).textContent = whoActed(alert);
  const trigger = $('details.trigger', element);
  if (trigger.open) showTrigger(element);
}

function title(alert) {
  switch (alert.type) {
    case 'CLUSTER':
      return `${alert.organism}${alert.phenotype ? ` (${alert.phenotype})` : ''} in ward ${alert.wardId}: `
        + `${alert.caseCount} patient${alert.caseCount === 1 ? '' : 's'}`;
    case 'ENVIRONMENT':
      return `Ward ${alert.wardId}: ${(SAMPLE[alert.sampleType] || alert.sampleType).toLowerCase()} sample `
        + `${alert.sampleId} over its limit`;
    case 'STERILIZATION_FAILURE':
      return `Sterilizer ${alert.sterilizerId}: load ${alert.loadId} failed, recall its packs`;
    default:
      return alert.alertId;
  }
}

function whoActed(alert) {
  const parts = [];
  if (alert.acknowledgedBy) parts.push(`Acknowledged by ${alert.acknowledgedBy} ${when(alert.acknowledgedAt)}.`);
  if (alert.closedBy) {
    parts.push(`Closed by ${alert.closedBy} ${when(alert.closedAt)} as ${OUTCOME[alert.outcome] || alert.outcome}.`);
  }
  if (alert.note) parts.push(`Note: “${alert.note}”`);
  return parts.join(' ');
}

/** What triggered the alert: the cluster's cases (one call away), or the sample or load it carries. */
async function showTrigger(element) {
  const alert = state.alerts.get(element.dataset.alertId);
  const trigger = $('details.trigger', element);
  const body = $('.trigger-body', element);
  if (alert.type === 'ENVIRONMENT') {
    body.replaceChildren(line(`Sample ${alert.sampleId} (${(SAMPLE[alert.sampleType] || alert.sampleType).toLowerCase()}), `
      + `collected ${when(alert.collectedAt)}: ${alert.cfu} CFU measured, limit ${alert.limit}.`));
    return;
  }
  if (alert.type === 'STERILIZATION_FAILURE') {
    const failed = (alert.failedIndicators || []).map((i) => INDICATOR[i] || i).join(', ');
    body.replaceChildren(line(`Load ${alert.loadId} on sterilizer ${alert.sterilizerId}, cycle completed `
      + `${when(alert.completedAt)}. Failed: ${failed}.`));
    return;
  }
  if (trigger.dataset.loaded === alert.caseCount + '|' + alert.lastCaseAt) return;
  try {
    const detail = await api(`/api/alerts/${encodeURIComponent(alert.alertId)}`);
    const items = (detail.cases || []).map((c) => {
      const li = document.createElement('li');
      li.textContent = `${sourceName(c.source)}, patient ${c.patientId}, ${when(c.caseAt)}`;
      return li;
    });
    const list = document.createElement('ul');
    list.className = 'cases';
    list.replaceChildren(...items);
    body.replaceChildren(list);
    trigger.dataset.loaded = alert.caseCount + '|' + alert.lastCaseAt;
  } catch (error) {
    body.replaceChildren(line(`The cases could not be loaded: ${error.message}`));
  }
}

function sourceName(source) {
  const [stream, key] = source.split(/:(.*)/s);
  if (stream === 'lab-result') return `Lab result ${key} (culture collected)`;
  if (stream === 'case-report') return `Case report ${key} (infection onset)`;
  return source;
}

function line(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

// ---------- acting on an alert ----------

function wireActions(element, alertId) {
  const message = $('.action-message', element);
  const act = async (form, action, body) => {
    const button = $('button', form);
    button.disabled = true;
    message.hidden = true;
    try {
      const done = await api(`/api/alerts/${encodeURIComponent(alertId)}/${action}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      form.reset();
      // The stream brings the alert's new state; show it at once all the same.
      const alert = state.alerts.get(alertId);
      if (alert && done && done.status) {
        element.dataset.status = done.status;
        $('.status', element).textContent = STATUS[done.status] || done.status;
      }
    } catch (error) {
      message.textContent = error.message;
      message.hidden = false;
    } finally {
      button.disabled = false;
    }
  };
  $('form.acknowledge', element).addEventListener('submit', (event) => {
    event.preventDefault();
    const note = event.target.note.value.trim();
    act(event.target, 'acknowledge', note ? { note } : {});
  });
  $('form.close', element).addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const note = form.note.value.trim();
    act(form, 'close', { outcome: form.outcome.value, ...(note ? { note } : {}) });
  });
}

// ---------- the ward overview ----------

function scheduleOverview(delayMs) {
  clearTimeout(state.overviewTimer);
  state.overviewTimer = setTimeout(loadOverview, delayMs);
}

async function loadOverview() {
  scheduleOverview(OVERVIEW_REFRESH_MS);
  const month = state.context.month;
  $('#overview-month').textContent = month ? `for ${monthName(month)}` : '';
  try {
    const [rates, environment, sterilization, context] = await Promise.all([
      api(`/api/rates?month=${month}`),
      api(`/api/compliance?month=${month}`),
      api(`/api/sterilization-compliance?month=${month}`),
      // Refreshed with the figures; if it fails, the figures still show and the last word on parked facts stays.
      api('/api/board').catch(() => null),
    ]);
    if (context) showParked(context.parked);
    state.overview = { rates, environment, sterilization };
    rates.concat(environment).forEach((row) => state.overviewWards.add(row.wardId));
    showMessage('#overview-message', null);
    renderOverview();
    refreshWardChoices();
  } catch (error) {
    showMessage('#overview-message', `The ward figures could not be loaded: ${error.message}`);
  }
}

// The figure projections by their names in /api/board's `parked` (docs/alert-board.md).
const PROJECTION_NAMES = {
  rates: 'the infection rates',
  'environment-compliance': 'the environmental hygiene figures',
  'sterilization-compliance': 'the sterilization figures',
};

/** Says which figures miss facts the platform could not apply (parked for an administrator). */
function showParked(parked) {
  const lines = Object.entries(parked || {}).filter(([, count]) => count > 0).map(([projection, count]) =>
    `${count} ${count === 1 ? 'fact' : 'facts'} could not be applied to ${PROJECTION_NAMES[projection] || projection}`);
  showMessage('#parked-message', lines.length
    ? `${lines.join('; ')}: the figures below are incomplete; an administrator has been told.` : null);
}

function renderOverview() {
  if (!state.overview) return;
  const ward = filters().ward;
  const inWard = (row) => !ward || row.wardId === ward;
  const target = state.context.haiIncidencePercentBelow;
  $('#hai-target').textContent = target === null ? '' : `HAI incidence target: below ${target} % of admissions`;
  table('#rates', state.overview.rates.filter(inWard), 8, (r) => [
    cell(r.wardId, 'text'),
    cell(r.haiCases), cell(r.patientDays),
    cell(number(r.incidenceDensityPer1000PatientDays)),
    cell(percent(r.incidencePercent),
      target !== null && r.incidencePercent !== null && r.incidencePercent >= target ? 'miss' : ''),
    ...DEVICES.map((d) => cell(number(r.deviceAssociated?.[d]?.ratePer1000DeviceDays))),
  ]);
  table('#environment', state.overview.environment.filter(inWard), 6, (r) => [
    cell(r.wardId, 'text'), cell(SAMPLE[r.sampleType] || r.sampleType, 'text'),
    cell(r.samples), cell(r.compliant),
    cell(percent(r.ratePercent), r.met === false ? 'miss' : ''),
    cell(`≥ ${r.targetPercent} %`),
  ]);
  table('#sterilization', state.overview.sterilization, 6, (r) => [
    cell(r.sterilizerId, 'text'), cell(r.loads), cell(r.passed), cell(r.pending),
    cell(percent(r.ratePercent), r.met === false ? 'miss' : ''),
    cell(`${r.targetPercent} %`),
  ]);
}

function table(selector, rows, columns, cells) {
  const body = $(`${selector} tbody`);
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    tr.className = 'none';
    const td = cell('No figures for this month yet.', 'text');
    td.colSpan = columns;
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement('tr');
    tr.append(...cells(row));
    if (tr.querySelector('.miss')) tr.classList.add('has-miss');
    return tr;
  }));
}

function cell(value, className = '') {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '—' : String(value);
  if (className) td.className = className;
  return td;
}

const number = (x) => (x === null || x === undefined ? null : x.toLocaleString('en-GB', { maximumFractionDigits: 3 }));
const percent = (x) => (x === null || x === undefined ? null : `${number(x)} %`);

// ---------- filters, dates, messages ----------

function refreshWardChoices() {
  const select = $('#filter-ward');
  const wards = new Set(state.overviewWards);
  state.alerts.forEach((a) => { if (a.wardId) wards.add(a.wardId); });
  const wanted = ['', ...[...wards].sort()];
  const have = [...select.options].map((o) => o.value);
  if (wanted.join('\n') === have.join('\n')) return;
  const chosen = select.value;
  select.replaceChildren(...wanted.map((ward) => new Option(ward || 'All wards', ward)));
  select.value = wanted.includes(chosen) ? chosen : '';
}

function readFiltersFromAddress() {
  const query = new URLSearchParams(location.search);
  const ward = query.get('ward');
  if (ward) {
    state.overviewWards.add(ward);
    refreshWardChoices();
    $('#filter-ward').value = ward;
  }
  if (query.get('type')) $('#filter-type').value = query.get('type');
  if (query.get('status')) $('#filter-status').value = query.get('status');
}

function filtersChanged() {
  const query = new URLSearchParams();
  const f = filters();
  if (f.ward) query.set('ward', f.ward);
  if (f.type) query.set('type', f.type);
  if (f.status) query.set('status', f.status);
  history.replaceState(null, '', query.toString() ? `?${query}` : location.pathname);
  render();
  renderOverview();
}

function when(instant) {
  if (!instant) return '';
  const format = (timeZone) => new Intl.DateTimeFormat('en-GB', {
    timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(instant));
  try {
    return format(state.context.timeZone);
  } catch (unknownZone) {
    return `${format('UTC')} UTC`;
  }
}

function monthName(month) {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function showMessage(selector, text) {
  const element = $(selector);
  element.hidden = !text;
  element.textContent = text || '';
}

async function start() {
  readFiltersFromAddress();
  $('#filters').addEventListener('change', filtersChanged);
  $('#refresh-overview').addEventListener('click', loadOverview);
  try {
    state.context = await api('/api/board');
  } catch (error) {
    // Without the hospital's settings, the browser's month is the best guess.
    const now = new Date();
    state.context.month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    showMessage('#overview-message', `The hospital's settings could not be loaded (${error.message}); showing this browser's month.`);
  }
  connect();
  loadOverview();
}

start();

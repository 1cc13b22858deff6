// The Watchbot dashboard page: one event stream for live counts, the JSON API for the rest.
// Everything a message or a job carries is untrusted: it reaches the page only as text
// (textContent, setAttribute), never as markup.

const token = new URLSearchParams(location.search).get('token');
const withToken = (path) => (token ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : path);
const byId = (id) => document.getElementById(id);

/** Calls the API; resolves with the JSON body, rejects with the server's one-line message. */
async function api(path, body) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.error?.message ?? `${response.status} ${response.statusText}`);
  return json;
}

/** Creates an element with a class and text (text only: never markup). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

const counter = new Intl.NumberFormat('en-US');
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const rate = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

function formatDuration(ms) {
  if (ms === undefined || ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${decimal.format(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  return minutes < 60 ? `${minutes} min ${Math.round((ms % 60_000) / 1000)} s` : `${decimal.format(minutes / 60)} h`;
}
const formatTime = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const formatPreciseTime = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });
const shortId = (id) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

// ---- State ---------------------------------------------------------------------------------

const state = { features: null, history: [], historyPoints: 300, recentJobs: [], deadCount: undefined, jobsKey: '', selectedJob: null, selectedSeenMs: undefined, lastRates: null, statsWindowMs: 300_000 };

// ---- Counts and rates ----------------------------------------------------------------------

function renderSample(sample) {
  // A sample that could not count the queue leaves the last good counts in place, under the red line.
  const counts = sample.counts;
  for (const key of counts ? ['visible', 'inFlight', 'delayed', 'deadLettered'] : []) {
    byId(`count-${key}`).textContent = counts[key] === null ? '–' : counter.format(counts[key]);
  }
  const rates = sample.rates ?? (sample.errors?.length ? state.lastRates : null);
  state.lastRates = rates;
  byId('rate-throughput').textContent = rates ? `${rate.format(rates.perMinute)}/min` : '–';
  byId('rate-failure').textContent = rates?.failureRate === null || !rates ? '–' : `${decimal.format(rates.failureRate * 100)}%`;
  byId('rate-durations').textContent = rates?.durationMs ? [rates.durationMs.p50, rates.durationMs.p90, rates.durationMs.p99].map(formatDuration).join(' / ') : '–';
  const minutes = decimal.format(state.statsWindowMs / 60_000);
  byId('rates-note').textContent = state.features?.jobs
    ? `Throughput, failure rate and run times cover the last ${minutes} min: ${rates ? counter.format(rates.settled) : 0} jobs settled.`
    : 'Throughput, failure rate and run times need job history, which this queue does not have.';
  const problems = byId('problems');
  problems.hidden = !sample.errors?.length;
  problems.textContent = sample.errors?.length ? `Could not read ${sample.errors.join('; ')}` : '';
}

// ---- Chart: counts over time as inline SVG -------------------------------------------------

const svgNs = 'http://www.w3.org/2000/svg';
const series = [
  { key: 'visible', className: 'series-visible', label: 'visible' },
  { key: 'inFlight', className: 'series-in-flight', label: 'in flight' },
  { key: 'delayed', className: 'series-delayed', label: 'delayed' },
  { key: 'deadLettered', className: 'series-dead', label: 'dead letters' },
];

function svg(tag, attributes, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The smallest of 1, 2, 5 × 10^n at or above `value` (at least 1): a round top for the y axis. */
function niceCeiling(value) {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

function drawChart() {
  const chart = byId('chart');
  const desc = byId('chart-desc');
  const width = Math.max(200, Math.round(chart.getBoundingClientRect().width) || 800);
  const height = 200;
  const margin = { left: 44, right: 10, top: 10, bottom: 22 };
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  for (const node of [...chart.childNodes]) if (node !== desc) node.remove();
  const points = state.history;
  if (points.length < 2) {
    chart.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis-label' }, 'Waiting for samples…'));
    desc.textContent = 'No samples yet.';
    return;
  }
  const first = points[0].timeMs;
  const last = points[points.length - 1].timeMs;
  const top = niceCeiling(Math.max(...points.flatMap((point) => series.map((s) => point[s.key] ?? 0))));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (timeMs) => margin.left + ((timeMs - first) / Math.max(1, last - first)) * plotWidth;
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;
  for (const value of [0, top / 2, top]) {
    chart.append(svg('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: 'grid' }));
    chart.append(svg('text', { x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis-label' }, counter.format(value)));
  }
  chart.append(svg('text', { x: margin.left, y: height - 6, class: 'axis-label' }, formatTime(first)));
  chart.append(svg('text', { x: width - margin.right, y: height - 6, 'text-anchor': 'end', class: 'axis-label' }, formatTime(last)));
  for (const { key, className } of series) {
    const coordinates = points.filter((point) => point[key] !== null && point[key] !== undefined).map((point) => `${x(point.timeMs).toFixed(1)},${y(point[key]).toFixed(1)}`);
    if (coordinates.length > 0) chart.append(svg('polyline', { points: coordinates.join(' '), class: className, 'data-series': key }));
  }
  const now = points[points.length - 1];
  const span = formatDuration(last - first);
  desc.textContent = `Over the last ${span}: ${series.map((s) => `${s.label} now ${now[s.key] ?? 'unknown'}`).join(', ')}; highest ${counter.format(top)}.`;
}

new ResizeObserver(() => drawChart()).observe(byId('chart'));

// ---- Recent jobs and a job's timeline ------------------------------------------------------

/** Runs `render`, which rebuilds rows, then gives focus back to the button it was on (matched by its data attributes). */
function keepingFocus(container, render) {
  const focused = container.contains(document.activeElement) ? document.activeElement.dataset : undefined;
  render();
  if (focused?.id === undefined) return;
  const selector = `button[data-id="${CSS.escape(focused.id)}"][data-action="${CSS.escape(focused.action ?? '')}"]`;
  container.querySelector(selector)?.focus();
}

function renderJobs(jobs) {
  const body = byId('jobs-table').tBodies[0];
  keepingFocus(body, () => renderJobRows(body, jobs));
  byId('jobs-empty').hidden = jobs.length > 0;
}

function renderJobRows(body, jobs) {
  body.replaceChildren();
  for (const job of jobs) {
    const row = el('tr');
    if (job.jobId === state.selectedJob) row.className = 'selected';
    const open = el('button', 'link', shortId(job.jobId));
    open.type = 'button';
    open.title = job.jobId;
    open.setAttribute('aria-label', `Show the timeline of job ${job.jobId}`);
    open.dataset.id = job.jobId;
    open.dataset.action = 'open';
    open.addEventListener('click', () => void openJob(job.jobId));
    const idCell = el('td');
    idCell.append(open);
    const outcomeCell = el('td');
    outcomeCell.append(el('span', `outcome ${job.state}`, job.state === 'started' ? 'running' : job.state));
    row.append(idCell, outcomeCell, el('td', 'number', job.attempts), el('td', 'number', formatDuration(job.durationMs)), el('td', 'nowrap', formatTime(job.lastSeenMs)));
    body.append(row);
  }
}

async function refreshJobs() {
  if (!state.features?.jobs) return;
  const filter = byId('jobs-state').value;
  try {
    renderJobs(filter === '' ? state.recentJobs : (await api(`/api/jobs?state=${encodeURIComponent(filter)}&limit=50`)).jobs);
  } catch (error) {
    byId('jobs-empty').hidden = false;
    byId('jobs-empty').textContent = `Could not list jobs: ${error.message}`;
  }
}

function describeEvent(event) {
  const facts = [];
  if (event.attempt !== undefined) facts.push(`attempt ${event.attempt}`);
  if (event.exitCode !== undefined && event.exitCode !== null) facts.push(`exit ${event.exitCode}`);
  if (event.signal) facts.push(`signal ${event.signal}`);
  if (event.durationMs !== undefined) facts.push(`ran ${formatDuration(event.durationMs)}`);
  if (event.retryInSeconds !== undefined) facts.push(`retry in ${event.retryInSeconds} s`);
  if (event.source !== 'watcher') facts.push(event.source);
  if (event.detail) facts.push(event.detail);
  return facts.join(', ');
}

async function openJob(jobId, { focus = true } = {}) {
  state.selectedJob = jobId;
  const detail = byId('job-detail');
  byId('job-detail-id').textContent = jobId;
  const timeline = byId('job-timeline');
  const output = byId('job-output');
  try {
    const job = await api(`/api/jobs/${encodeURIComponent(jobId)}`);
    timeline.replaceChildren(
      ...job.events.map((event) => {
        const item = el('li');
        const time = el('time', '', formatPreciseTime(event.timeMs));
        time.dateTime = new Date(event.timeMs).toISOString();
        item.append(time, el('strong', '', event.type), el('span', 'facts', describeEvent(event)));
        return item;
      }),
    );
    output.textContent = job.outputTail.length > 0 ? job.outputTail.join('\n') : '(no output recorded: output is kept for failed, rejected and timed-out attempts)';
  } catch (error) {
    timeline.replaceChildren(el('li', '', `Could not load the job: ${error.message}`));
    output.textContent = '';
  }
  detail.hidden = false;
  if (focus) {
    byId('job-detail-heading').focus();
    void refreshJobs();
  }
}

byId('job-detail-close').addEventListener('click', () => {
  const jobId = state.selectedJob;
  byId('job-detail').hidden = true;
  state.selectedJob = null;
  void refreshJobs();
  // Back to where the reader came from: the job's button, when it is still listed.
  if (jobId) document.querySelector(`#jobs-table button[data-id="${CSS.escape(jobId)}"]`)?.focus();
});
byId('jobs-state').addEventListener('change', () => void refreshJobs());

// ---- Dead letters --------------------------------------------------------------------------

async function refreshDeadLetters() {
  if (!state.features?.deadLetters) return;
  const body = byId('dead-table').tBodies[0];
  try {
    const { count, deadLetters } = await api('/api/dead-letters?limit=50');
    keepingFocus(body, () => body.replaceChildren(...deadLetters.map(deadLetterRow)));
    byId('dead-empty').hidden = deadLetters.length > 0;
    byId('dead-more').hidden = count <= deadLetters.length;
    byId('dead-more').textContent = `Showing the oldest ${deadLetters.length} of ${counter.format(count)}.`;
  } catch (error) {
    byId('dead-status').textContent = `Could not list dead letters: ${error.message}`;
  }
}

function deadLetterRow(letter) {
  const row = el('tr');
  row.dataset.id = letter.id;
  const idCell = el('td');
  idCell.append(el('code', '', shortId(letter.id)));
  idCell.title = letter.id;
  if (letter.subject) idCell.append(el('div', 'note', letter.subject));
  const bodyCell = el('td');
  bodyCell.append(el('code', 'body-preview', letter.body + (letter.bodyTruncated ? '…' : '')));
  const actions = el('td', 'actions');
  const replay = el('button', '', 'Replay');
  replay.type = 'button';
  replay.setAttribute('aria-label', `Replay message ${letter.id}`);
  Object.assign(replay.dataset, { id: letter.id, action: 'replay' });
  replay.addEventListener('click', () => void act('replay', letter.id, replay));
  const remove = el('button', 'danger', 'Delete');
  remove.type = 'button';
  remove.setAttribute('aria-label', `Delete message ${letter.id}`);
  Object.assign(remove.dataset, { id: letter.id, action: 'delete' });
  remove.addEventListener('click', () => void act('delete', letter.id, remove));
  actions.append(replay, remove);
  const when = letter.deadLetteredAtMs === undefined ? '–' : formatTime(letter.deadLetteredAtMs);
  row.append(idCell, bodyCell, el('td', 'number', letter.receiveCount), el('td', 'nowrap', when), actions);
  return row;
}

async function act(action, id, button) {
  if (action === 'delete' && !confirm(`Delete message ${id} for good? It will not be processed.`)) return;
  const status = byId('dead-status');
  button.disabled = true;
  try {
    const result = await api(`/api/dead-letters/${action}`, { ids: [id] });
    const failure = result.failed[0];
    status.textContent = failure ? `Could not ${action} ${id}: ${failure.message}` : `${action === 'replay' ? 'Replayed' : 'Deleted'} message ${id}.`;
  } catch (error) {
    status.textContent = `Could not ${action} ${id}: ${error.message}`;
  }
  button.disabled = false;
  await refreshDeadLetters();
}

// ---- The event stream ----------------------------------------------------------------------

function applySample(sample) {
  if (sample.counts) {
    state.history.push(sample.counts);
    if (state.history.length > state.historyPoints) state.history.splice(0, state.history.length - state.historyPoints);
  }
  renderSample(sample);
  drawChart();
  // Lists are fetched again only when something changed: a new job event or a new dead-letter count.
  // A sample that could not read the job history keeps the jobs shown.
  const historyFailed = sample.errors?.some((error) => error.startsWith('job history:')) ?? false;
  if (!historyFailed) state.recentJobs = sample.recentJobs;
  const jobsKey = state.recentJobs.map((job) => `${job.jobId}:${job.lastSeenMs}`).join(',');
  if (jobsKey !== state.jobsKey) {
    state.jobsKey = jobsKey;
    void refreshJobs();
    // The open timeline follows its job: reload it when the job has a new event.
    const selected = state.recentJobs.find((job) => job.jobId === state.selectedJob);
    if (selected && selected.lastSeenMs !== state.selectedSeenMs) void openJob(selected.jobId, { focus: false });
    state.selectedSeenMs = selected?.lastSeenMs;
  }
  const deadCount = sample.counts?.deadLettered;
  if (deadCount !== undefined && deadCount !== state.deadCount) {
    state.deadCount = deadCount;
    void refreshDeadLetters();
  }
}

function applySnapshot(snapshot) {
  state.features = snapshot.features;
  state.historyPoints = snapshot.historyPoints;
  state.statsWindowMs = snapshot.statsWindowMs;
  state.jobsKey = '';
  state.deadCount = undefined;
  byId('queue-label').textContent = snapshot.queue;
  document.title = `${snapshot.queue} · Watchbot dashboard`;
  byId('jobs-unavailable').hidden = snapshot.features.jobs;
  byId('jobs-panel').hidden = !snapshot.features.jobs;
  byId('dead-unavailable').hidden = snapshot.features.deadLetters;
  byId('dead-panel').hidden = !snapshot.features.deadLetters;
  // The latest sample is the history's last point when it has counts: applySample adds it back.
  state.history = snapshot.latest.counts ? snapshot.history.slice(0, -1) : snapshot.history.slice();
  applySample(snapshot.latest);
}

function connect() {
  const connection = byId('connection');
  const events = new EventSource(withToken('/api/events'));
  events.addEventListener('snapshot', (event) => applySnapshot(JSON.parse(event.data)));
  events.addEventListener('sample', (event) => applySample(JSON.parse(event.data)));
  events.addEventListener('open', () => {
    connection.textContent = 'Live';
    connection.className = 'connection live';
  });
  events.addEventListener('error', () => {
    const closed = events.readyState === EventSource.CLOSED;
    connection.textContent = closed ? 'Disconnected: reload the page (is the token right?)' : 'Reconnecting…';
    connection.className = 'connection down';
  });
}

connect();

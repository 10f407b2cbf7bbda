// mltrace web UI: one function per page, each filling `el` from the API.
'use strict';

const PAGE = 50;

const Views = {
  async components(el) {
    const list = await api('components');
    append(el, [h('h1', {}, 'Components'),
      table(['component', 'owner', 'tags', 'runs', 'last run', 'status', 'stale', 'open alerts'],
        list.map(c => [
          link(routeOf.history(c.name), c.name, 'component'),
          c.owner || '',
          (c.tags || []).map(t => h('span', {class: 'tag'}, t)),
          String(c.runs),
          c.lastRunId ? h('span', {}, runLink(c.lastRunId), ' ', time(c.lastRunStart)) : '',
          c.lastStatus ? statusCell(c.lastStatus) : '',
          c.stale ? h('span', {class: 'stale', title: (c.lastRunStale || []).map(r => r.message).join('\n')}, 'stale') : '',
          c.openAlerts ? h('span', {class: 'bad'}, String(c.openAlerts)) : '0',
        ]))]);
  },

  async history(el, name, query) {
    const offset = Number(query.get('offset') || 0);
    const page = await api('history', {component: name, offset, limit: PAGE});
    const last = Math.min(page.total, offset + page.runs.length);
    append(el, [h('h1', {}, 'History of ', h('span', {class: 'component'}, name)),
      h('div', {id: 'chart'}),
      h('div', {class: 'pager'},
        offset > 0 ? link(routeOf.history(name) + '?offset=' + Math.max(0, offset - PAGE), '← newer') : '',
        ' runs ' + (page.total ? offset + 1 : 0) + '–' + last + ' of ' + page.total + ' ',
        last < page.total ? link(routeOf.history(name) + '?offset=' + (offset + PAGE), 'older →', 'older') : ''),
      table(['start', 'run', 'status', 'metrics', 'triggers'],
        page.runs.map(r => {
          const trig = page.triggers.filter(t => t.runId === r.id);
          return [time(r.startTime), runLink(r.id), statusCell(r.status),
            Object.entries(r.metrics).map(([k, v]) => k + '=' + v).join(', '),
            trig.map(t => h('span', {class: 'status-' + t.status}, t.trigger + ' ' + t.status + ' ')),
          ];
        }))]);
    return () => drawHistoryChart(el.querySelector('#chart'), page);
  },

  async run(el, id) {
    const r = await api('run', {id});
    const flagged = new Set(r.flaggedOutputs);
    const kv = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
    append(el, [h('h1', {}, 'Run ', h('span', {class: 'mono'}, r.id)),
      h('div', {class: 'toolbar'},
        link(routeOf.trace(r.id), 'trace upstream'), link(routeOf.trace(r.id, 'impact'), 'impact (forward)'),
        link(routeOf.history(r.component), 'history of ' + r.component)),
      h('dl', {class: 'kv'},
        kv('component', link(routeOf.history(r.component), r.component, 'component')),
        kv('status', statusCell(r.status)),
        r.error ? kv('error', h('span', {class: 'bad'}, r.error)) : [],
        kv('method', h('span', {class: 'mono'}, r.method)),
        kv('start / end', time(r.startTime) + ' → ' + time(r.endTime) + '  (' + r.durationMs + ' ms)'),
        kv('code version', h('span', {class: 'mono'}, r.codeVersion || '')),
        r.codeSources.length ? kv('code source', r.codeSources.map(s => h('div', {class: 'mono code-source'},
          s.className + ': ' + [s.maven, s.location, s.jarSha256 ? 'sha256 ' + s.jarSha256 : null].filter(x => x).join('  ')))) : [],
        kv('git commit', h('span', {class: 'mono'}, r.gitCommit || '')),
        kv('host / pid / thread', [r.host, r.pid, r.thread].join(' / ')),
        kv('owner', r.componentInfo.owner || ''),
        kv('stale', r.staleReasons.length
          ? h('span', {class: 'stale'}, r.staleReasons.map(s => s.message).join('; ')) : 'no')),
      h('h2', {}, 'Inputs'), valueTable(r.inputs, flagged, false),
      h('h2', {}, 'Outputs'), valueTable(r.outputs, flagged, true),
      h('h2', {}, 'Trigger results'),
      r.triggers.length ? table(['phase', 'trigger', 'status', 'value', 'threshold', 'message'],
        r.triggers.map(t => [t.phase, t.trigger, statusCell(t.status), num(t.value), num(t.threshold), t.message || '']))
        : h('p', {}, 'none'),
      h('h2', {}, 'Read from'), linkTable(r.dependencies),
      h('h2', {}, 'Read by'), linkTable(r.dependents),
      h('h2', {}, 'Notes'),
      r.notes.length ? h('ul', {}, r.notes.map(n => h('li', {}, time(n.notedAt) + ' ', n.note))) : h('p', {}, 'none'),
      noteForm(r.id)]);
  },

  async trace(el, id, query) {
    const direction = query.has('impact') ? 'impact' : 'upstream';
    const limits = {depth: query.get('depth'), since: query.get('since'), until: query.get('until')};
    const g = await api('trace', {id, direction, ...limits});
    append(el, [h('h1', {}, direction === 'impact' ? 'Impact of ' : 'Trace of ', h('span', {class: 'mono'}, id)),
      traceLimitsForm(id, direction, limits),
      h('div', {class: 'toolbar'},
        direction === 'impact' ? link(routeOf.trace(id, 'upstream', limits), '← upstream', 'upstream')
          : link(routeOf.trace(id, 'impact', limits), 'forward (impact) →', 'impact'),
        g.pointer ? h('span', {class: g.flagged ? 'bad' : ''}, 'output ' + g.pointer + (g.flagged ? ' (flagged)' : '')) : '',
        h('span', {}, g.nodes.length + ' runs' + (g.truncated ? ' (truncated)' : ''))),
      h('div', {class: 'legend'},
        h('span', {class: 'bad'}, '■ failed run, failed trigger or flagged output'),
        h('span', {class: 'stale'}, '┅ stale'), h('span', {}, 'bold: the traced run')),
      g.nodes.length ? drawGraph(g, direction, id => { location.hash = '#/' + routeOf.run(id); })
        : h('p', {}, direction === 'impact' ? 'nothing recorded was derived from it' : 'no recorded run wrote this output')]);
    return () => focusGraph(el);
  },

  async review(el) {
    const r = await api('review');
    const input = h('input', {id: 'flag-id', type: 'text', size: 60, placeholder: 'output path or id'});
    append(el, [h('h1', {}, 'Review'),
      h('form', {class: 'toolbar', onsubmit: async ev => {
        ev.preventDefault();
        await act(() => api('flag', {}, {id: input.value}), 'flagged ' + input.value);
      }}, input, h('button', {id: 'flag-button', type: 'submit'}, 'Flag')),
      h('h2', {}, 'Flagged outputs'),
      r.flagged.length ? table(['output', 'note', 'flagged at', ''], r.flagged.map(f => [
        link(routeOf.trace(f.pointer), f.pointer, 'mono'), f.note || '', time(f.flaggedAt),
        h('button', {class: 'unflag', onclick: () => act(() => api('unflag', {}, {id: f.pointer}), 'unflagged ' + f.pointer)}, 'Unflag'),
      ])) : h('p', {}, 'nothing flagged: flag an output above or from a run page'),
      h('h2', {}, 'Component runs in the flagged outputs\' traces'),
      table(['rank', 'run', 'component', 'in traces', 'status', 'start'], r.runs.map(x => [
        String(x.rank), runLink(x.id), x.component, String(x.traces), statusCell(x.status), time(x.startTime)]))]);
  },

  async alerts(el, _, query) {
    const all = query.get('all') !== 'false';
    const list = await api('alerts', {all});
    append(el, [h('h1', {}, 'Alerts'),
      table(['status', 'component', 'trigger', 'value', 'threshold', 'opened', 'by run', 'resolved', 'message'],
        list.map(a => [h('span', {class: a.status === 'open' ? 'bad' : ''}, a.status),
          link(routeOf.history(a.component), a.component), a.trigger, num(a.value), num(a.threshold),
          time(a.openedAt), a.openedByRun ? runLink(a.openedByRun) : '', time(a.resolvedAt), a.message || '']))]);
  },

  async stale(el) {
    const list = await api('stale');
    append(el, [h('h1', {}, 'Stale runs'),
      list.length ? table(['component', 'latest run', 'start', 'why'], list.map(s => [
        link(routeOf.history(s.component), s.component), runLink(s.runId), time(s.startTime),
        h('ul', {}, s.reasons.map(r => h('li', {class: 'stale'}, r.message)))]))
        : h('p', {}, 'no component\'s latest run is stale')]);
  },

  async recent(el) {
    const list = await api('recent', {limit: PAGE});
    append(el, [h('h1', {}, 'Recent runs'),
      table(['start', 'run', 'component', 'status'], list.map(r => [
        time(r.startTime), runLink(r.id), link(routeOf.history(r.component), r.component), statusCell(r.status)]))]);
  },
};

function num(v) {
  return v === null || v === undefined ? '' : String(Math.round(v * 1e4) / 1e4);
}

async function act(call, done) {
  try {
    await call();
    message(done, true);
  } catch (e) {
    message(e.message);
  }
  await render();
}

function valueTable(values, flagged, outputs) {
  if (!values.length) return h('p', {}, 'none');
  return table(['name', 'type', 'value', 'size', 'summary', ''], values.map(v => [
    v.name, v.type,
    v.kind === 'pointer' ? link(routeOf.trace(v.value), v.value, 'mono' + (flagged.has(v.value) ? ' bad' : '')) : h('span', {class: 'mono'}, v.value === null ? '(' + v.kind + ')' : v.value),
    v.size === undefined ? '' : String(v.size),
    v.histogram ? histogramCell(v.histogram, v.summary) : v.summary ? summaryCell(v.summary) : '',
    outputs && v.kind === 'pointer'
      ? h('button', {class: flagged.has(v.value) ? 'unflag' : 'flag',
          onclick: () => act(() => api(flagged.has(v.value) ? 'unflag' : 'flag', {}, {id: v.value}),
            (flagged.has(v.value) ? 'unflagged ' : 'flagged ') + v.value)},
          flagged.has(v.value) ? 'Unflag' : 'Flag')
      : '',
  ]));
}

function summaryText(s) {
  return s.count + ' ' + s.elements + (s.nulls ? ', ' + s.nulls + ' null' : '') +
    (s.min === null ? '' : ', min ' + num(s.min) + ' mean ' + num(s.mean) + ' max ' + num(s.max));
}

/** An SVG element with attributes (h() makes HTML elements, which an <svg> does not draw). */
function svgTree(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  append(el, children);
  return el;
}

/**
 * Only a summary was stored (no sample): min, mean ± stddev and max on one small axis, labelled as
 * a summary so nobody reads it as a distribution.
 */
function summaryCell(s) {
  const text = summaryText(s);
  if (s.min === null || s.max === s.min) return text;
  const x = v => 2 + 116 * (v - s.min) / (s.max - s.min);
  const lo = Math.max(s.min, s.mean - s.stddev), hi = Math.min(s.max, s.mean + s.stddev);
  const svg = svgTree('svg', {width: 120, height: 14},
    svgTree('title', {}, 'summary only (no stored sample): mean ± 1 standard deviation between min and max'),
    svgTree('line', {x1: 2, x2: 118, y1: 7, y2: 7, stroke: '#98a1ae'}),
    svgTree('rect', {x: x(lo), y: 2, width: Math.max(1, x(hi) - x(lo)), height: 10, fill: '#bcd0ee'}),
    svgTree('line', {x1: x(s.mean), x2: x(s.mean), y1: 1, y2: 13, stroke: '#1f5fbf', 'stroke-width': 2}));
  return h('span', {class: 'summary'}, h('span', {class: 'label'}, 'summary'), ' ', svg, ' ', text);
}

/** The server's bins of the stored sample as bars; each bar's title gives its range and count. */
function histogramCell(hist, s) {
  const bins = hist.counts.length, most = Math.max(...hist.counts), width = 160, height = 36;
  const w = width / bins;
  const svg = svgTree('svg', {width, height: height + 2, class: 'histogram'},
    svgTree('line', {x1: 0, x2: width, y1: height + 1, y2: height + 1, stroke: '#98a1ae'}),
    hist.counts.map((c, i) => {
      const barHeight = most ? Math.max(c ? 1 : 0, Math.round(height * c / most)) : 0;
      return svgTree('rect', {class: 'bin', x: i * w + 0.5, y: height - barHeight + 1, width: Math.max(1, w - 1),
        height: barHeight, 'data-count': c},
      svgTree('title', {}, '[' + num(hist.edges[i]) + ', ' + num(hist.edges[i + 1]) + (i === bins - 1 ? ']' : ')') + ': ' + c));
    }));
  const finite = hist.sampleSize - hist.nonFinite;
  return h('span', {class: 'summary'},
    h('span', {class: 'label'}, 'sample of ' + hist.sampleSize + (hist.nonFinite ? ' (' + hist.nonFinite + ' NaN/∞ not drawn)' : '')),
    h('br', {}), svg,
    h('span', {class: 'range'}, num(hist.edges[0]) + ' … ' + num(hist.edges[bins])),
    s ? h('div', {}, summaryText(s)) : finite + ' values');
}

/**
 * The CLI's trace --depth, --since and --until as fields; applying them reopens the page with them
 * in its address, so the direction switch, back and reload keep them.
 */
function traceLimitsForm(id, direction, limits) {
  const field = (name, size, placeholder, type) => h('input', {id: 'trace-' + name, name, type: type || 'text', size,
    placeholder, value: limits[name] || null, min: type === 'number' ? 1 : null});
  const depth = field('depth', 4, 'all', 'number');
  const since = field('since', 26, 'e.g. 2026-01-01T06:00:00Z');
  const until = field('until', 26, 'e.g. 2026-01-02');
  return h('form', {class: 'toolbar limits', onsubmit: ev => {
    ev.preventDefault();
    location.hash = '#/' + routeOf.trace(id, direction,
      {depth: depth.value.trim(), since: since.value.trim(), until: until.value.trim()});
  }}, h('label', {}, 'depth ', depth), h('label', {}, 'since ', since), h('label', {}, 'until ', until),
  h('button', {id: 'trace-apply', type: 'submit'}, 'Apply'),
  limits.depth || limits.since || limits.until ? link(routeOf.trace(id, direction), 'clear', 'clear-limits') : '');
}

function linkTable(links) {
  if (!links.length) return h('p', {}, 'none');
  return table(['run', 'component', 'through'], links.map(l => [runLink(l.runId), l.component || '', h('span', {class: 'mono'}, l.pointer)]));
}

function noteForm(runId) {
  const input = h('input', {type: 'text', size: 60, placeholder: 'add a note'});
  return h('form', {class: 'toolbar', onsubmit: async ev => {
    ev.preventDefault();
    await act(() => api('note', {}, {runId, text: input.value}), 'note added');
  }}, input, h('button', {type: 'submit'}, 'Add note'));
}

/** Numeric outputs and trigger values over time; each trigger's threshold as a dashed line. */
function drawHistoryChart(div, page) {
  if (typeof echarts === 'undefined') return;
  const series = [];
  const names = new Set();
  page.runs.forEach(r => Object.keys(r.metrics).forEach(k => names.add(k)));
  for (const name of names) {
    series.push({name, type: 'line', showSymbol: true,
      data: page.runs.filter(r => name in r.metrics).map(r => [r.startTime, r.metrics[name]]).reverse()});
  }
  const triggers = new Map();
  for (const t of page.triggers) {
    if (t.value === null) continue;
    const key = t.trigger + ' (' + t.phase + ' #' + t.position + ')';
    if (!triggers.has(key)) triggers.set(key, {values: [], threshold: t.threshold});
    triggers.get(key).values.push({value: [t.runStart, t.value],
      itemStyle: t.status === 'fail' ? {color: '#b00020'} : undefined});
  }
  for (const [name, t] of triggers) {
    series.push({name, type: 'line', data: t.values, lineStyle: {type: 'dotted'},
      markLine: t.threshold === null ? undefined : {symbol: 'none', label: {formatter: 'threshold ' + t.threshold},
        lineStyle: {color: '#b00020', type: 'dashed'}, data: [{yAxis: t.threshold}]}});
  }
  if (!series.length) { div.textContent = 'no numeric outputs or trigger values to plot'; return; }
  const chart = echarts.init(div, null, {renderer: 'svg'});
  chart.setOption({animation: false, tooltip: {trigger: 'axis'}, legend: {type: 'scroll'},
    grid: {left: 50, right: 30, top: 40, bottom: 30},
    xAxis: {type: 'time'}, yAxis: {type: 'value', scale: true}, series});
}

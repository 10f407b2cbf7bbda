// mltrace web UI: the Monitor page. Tasks' windowed metrics with their SLA lines and alert
// markers, then one component's number, summary statistic or trigger value over a time range.
// Every series comes aggregated by the server (at most a few hundred buckets: runs, min, mean,
// max each), so the page costs the same on any history. Charts are ECharts (shaded webjar).
'use strict';

const RANGES = ['1d', '7d', '30d', '365d', 'all'];
const RED = '#b00020';
const GREEN = '#1b5e20';

Views.monitor = async function monitor(el, _, query) {
  const overview = await api('monitor');
  const range = {last: query.get('last') || '7d', since: query.get('since') || null, until: query.get('until') || null};
  const limits = range.since || range.until ? {since: range.since, until: range.until} : {last: range.last};
  const tasks = await Promise.all(overview.tasks.map(task => api('monitor/task', Object.assign({task}, limits))));
  const component = query.get('component') || overview.components[0] || null;
  let choices = [];
  let metric = null;
  let series = null;
  if (component) {
    choices = await api('monitor/metrics', {component});
    metric = query.get('metric') || (choices[0] && choices[0].id) || null;
    if (metric) series = await api('monitor/series', Object.assign({component, metric}, limits));
  }
  append(el, [h('h1', {}, 'Monitor'), rangeForm(range, component, metric)]);
  const drawers = [];
  if (tasks.length) append(el, [h('h2', {}, 'Tasks')]);
  for (const t of tasks) {
    const div = h('div', {class: 'monitor-chart', id: 'task-chart-' + t.task, 'data-task': t.task});
    append(el, [h('h3', {}, 'Task ', h('span', {class: 'mono'}, t.task), ' ', h('span', {class: 'sub'},
      t.kind + ', window ' + t.window + ', ' + t.joined + ' joined, ' + t.waiting + ' labels waiting for a prediction')),
    h('div', {class: 'sla-list'}, t.slas.map(s => h('span', {class: 'status-' + (s.state === 'fail' ? 'fail' : s.state === 'pass' ? 'pass' : 'skipped')},
      s.check + ' (' + s.state + (s.alert ? '' : ', no alert') + ') '))), div]);
    drawers.push(() => drawTaskChart(div, t));
  }
  append(el, [h('h2', {}, 'Components'), componentForm(overview.components, component, choices, metric, range)]);
  if (!component) {
    append(el, [h('p', {}, 'no components yet')]);
  } else if (!metric) {
    append(el, [h('p', {}, component + ' recorded no numbers, summaries or trigger values')]);
  } else {
    const div = h('div', {class: 'monitor-chart', id: 'metric-chart'});
    append(el, [h('p', {class: 'sub', id: 'metric-caption'}, caption(series)), div]);
    drawers.push(() => drawMetricChart(div, series));
  }
  return () => drawers.forEach(d => d());
};

function caption(s) {
  const runs = s.buckets.reduce((n, b) => n + b.runs, 0);
  const failed = s.buckets.reduce((n, b) => n + b.failed, 0);
  return s.metric + ' of ' + s.component + ': ' + runs + (s.kind === 'trigger' ? ' results' : ' runs') +
    (failed ? ' (' + failed + ' failed)' : '') + ' from ' + time(s.since) + ' to ' + time(s.until) + ' in ' +
    s.buckets.length + ' buckets of ' + duration(s.bucketMicros) + '; click a point to open its run';
}

function duration(micros) {
  const s = micros / 1e6;
  if (s < 1) return Math.round(micros / 100) / 10 + ' ms';
  if (s < 120) return Math.round(s * 10) / 10 + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  if (s < 172800) return Math.round(s / 360) / 10 + ' h';
  return Math.round(s / 8640) / 10 + ' d';
}

function monitorRoute(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const qs = q.toString();
  return '#/monitor' + (qs ? '?' + qs : '');
}

function rangeForm(range, component, metric) {
  const since = h('input', {id: 'monitor-since', type: 'text', size: 22, value: range.since || '', placeholder: 'since 2026-01-01'});
  const until = h('input', {id: 'monitor-until', type: 'text', size: 22, value: range.until || '', placeholder: 'until'});
  return h('div', {class: 'toolbar limits'}, 'range ',
    RANGES.map(r => range.since || range.until || r !== range.last
      ? link('monitor?' + new URLSearchParams(Object.assign({last: r}, component ? {component} : {}, metric ? {metric} : {})).toString(), r, 'range-' + r)
      : h('b', {class: 'range-' + r}, r)),
    h('form', {class: 'toolbar', onsubmit: ev => {
      ev.preventDefault();
      location.hash = monitorRoute({component, metric, since: since.value.trim(), until: until.value.trim()});
    }}, since, until, h('button', {id: 'monitor-apply', type: 'submit'}, 'Apply')));
}

function componentForm(components, component, choices, metric, range) {
  const go = (c, m) => {
    location.hash = monitorRoute({component: c, metric: m, last: range.since || range.until ? null : range.last, since: range.since, until: range.until});
  };
  const componentSelect = h('select', {id: 'monitor-component', onchange: ev => go(ev.target.value, null)},
    components.map(c => h('option', {value: c, selected: c === component}, c)));
  const groups = [['value', true, 'declared type: metric'], ['value', false, 'numbers'], ['summary', false, 'summary statistics'], ['trigger', false, 'trigger values']];
  const metricSelect = h('select', {id: 'monitor-metric', onchange: ev => go(component, ev.target.value)},
    groups.map(([kind, declared, label]) => {
      const members = choices.filter(c => c.kind === kind && c.metric === declared);
      return members.length ? h('optgroup', {label}, members.map(c => h('option', {value: c.id, selected: c.id === metric}, c.id))) : null;
    }));
  return h('div', {class: 'toolbar'}, h('label', {}, 'component ', componentSelect), h('label', {}, 'metric ', metricSelect));
}

/** A bucket's point: [start, mean], with what the tooltip and a click need. */
function bucketPoint(b, extra) {
  return Object.assign({value: [b.start, b.mean], bucket: b}, extra || {});
}

function drawMetricChart(div, s) {
  const points = s.buckets.filter(b => b.mean !== null);
  const band = points.filter(b => b.min !== b.max);
  const series = [
    {name: 'min', type: 'line', data: band.map(b => [b.start, b.min]), lineStyle: {opacity: 0}, stack: 'band', symbol: 'none', silent: true},
    {name: 'min–max', type: 'line', data: band.map(b => [b.start, b.max - b.min]), lineStyle: {opacity: 0}, areaStyle: {color: '#c9d8f0'}, stack: 'band', symbol: 'none', silent: true},
    {name: 'mean', type: 'line', data: points.map(b => bucketPoint(b)), showSymbol: true, symbolSize: 6, itemStyle: {color: '#1f5fbf'},
      markLine: s.threshold === null ? undefined : {symbol: 'none', label: {formatter: 'threshold ' + s.threshold},
        lineStyle: {color: RED, type: 'dashed'}, data: [{name: 'threshold', yAxis: s.threshold}]}},
  ];
  const failed = s.buckets.filter(b => b.failed > 0);
  if (failed.length) {
    series.push({name: 'failed', type: 'scatter', symbol: 'triangle', symbolSize: 11, itemStyle: {color: RED},
      data: failed.map(b => bucketPoint(b, {value: [b.start, b.max === null ? (s.threshold || 0) : b.max]}))});
  }
  const chart = echarts.init(div, null, {renderer: 'svg'});
  chart.setOption({animation: false, legend: {data: ['mean', 'min–max'].concat(failed.length ? ['failed'] : [])},
    grid: {left: 60, right: 30, top: 40, bottom: 30},
    tooltip: {trigger: 'item', formatter: p => p.data && p.data.bucket ? bucketText(s, p.data.bucket) : ''},
    xAxis: {type: 'time', min: s.since, max: s.until}, yAxis: {type: 'value', scale: true}, series});
  chart.on('click', async p => {
    const b = p.data && p.data.bucket;
    if (!b) return;
    if (b.runId) { location.hash = '#/' + routeOf.run(b.runId); return; }
    const until = new Date(Date.parse(b.start) + s.bucketMicros / 1000).toISOString();
    try {
      const pick = await api('monitor/pick', {component: s.component, metric: s.metric, since: b.start, until});
      if (pick.runId) location.hash = '#/' + routeOf.run(pick.runId);
    } catch (e) { message(e.message); }
  });
}

function bucketText(s, b) {
  const n = v => v === null ? '–' : String(Math.round(v * 1e6) / 1e6);
  return time(b.start) + '<br>' + b.runs + (b.runs === 1 ? ' run ' + escapeText(b.runId || '') : ' runs') +
    '<br>mean ' + n(b.mean) + ', min ' + n(b.min) + ', max ' + n(b.max) + (b.failed ? '<br>' + b.failed + ' failed' : '');
}

/** Tooltips are HTML in ECharts: captured text goes through this. */
function escapeText(t) {
  return String(t).replace(/[&<>"']/g, c => '&#' + c.charCodeAt(0) + ';');
}

function drawTaskChart(div, t) {
  const names = Object.keys(t.metrics);
  const slaOf = m => t.slas.filter(s => s.metric === m);
  const series = names.map(m => ({
    name: m, type: 'line', showSymbol: true, symbolSize: 5,
    data: t.metrics[m].filter(b => b.mean !== null).map(b => ({value: [b.start, b.mean], bucket: b})),
    markLine: slaOf(m).length ? {symbol: 'none', lineStyle: {type: 'dashed'},
      label: {formatter: p => p.name}, data: slaOf(m).map(s => ({name: s.check, yAxis: s.value}))} : undefined,
    markPoint: {symbolSize: 34, data: t.alerts.filter(a => a.metric === m).flatMap(a => alertMarks(a))},
  }));
  series.push({name: 'labelled', type: 'bar', yAxisIndex: 1, barMaxWidth: 8, itemStyle: {color: '#c9d0da'},
    data: t.labelled.map(b => [b.start, b.max])});
  const chart = echarts.init(div, null, {renderer: 'svg'});
  chart.setOption({animation: false, legend: {type: 'scroll'}, tooltip: {trigger: 'axis'},
    grid: {left: 60, right: 60, top: 40, bottom: 30},
    xAxis: {type: 'time', min: t.since, max: t.until},
    yAxis: [{type: 'value', scale: true, name: 'metric'}, {type: 'value', name: 'labelled', splitLine: {show: false}}],
    series});
}

function alertMarks(a) {
  const marks = [];
  if (a.openedValue !== null) {
    marks.push({name: 'alert #' + a.id + ' opened', coord: [a.openedAt, a.openedValue], symbol: 'pin',
      itemStyle: {color: RED}, label: {formatter: '#' + a.id}, alert: a.id, kind: 'opened'});
  }
  if (a.resolvedAt && a.resolvedValue !== null) {
    marks.push({name: 'alert #' + a.id + ' resolved', coord: [a.resolvedAt, a.resolvedValue], symbol: 'pin',
      itemStyle: {color: GREEN}, label: {formatter: '#' + a.id}, alert: a.id, kind: 'resolved'});
  }
  return marks;
}

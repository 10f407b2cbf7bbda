// mltrace web UI: the trace DAG as a layered SVG, producers to the left.
// Layers by longest path from the sources (so every edge points right), then two barycenter
// sweeps to reduce crossings. Linear in nodes + edges per sweep: 500 nodes lay out in a few ms.
'use strict';

const NODE_W = 160, NODE_H = 40, GAP_X = 36, GAP_Y = 14, PAD = 12, TOP = 36;

function layoutGraph(nodes, edges) {
  const producers = new Map(nodes.map(n => [n.id, []]));
  const consumers = new Map(nodes.map(n => [n.id, []]));
  for (const e of edges) {
    if (producers.has(e.to) && consumers.has(e.from)) {
      producers.get(e.to).push(e.from);
      consumers.get(e.from).push(e.to);
    }
  }
  // Kahn's order; a cycle (never recorded, runs are ordered in time) would leave nodes at layer 0.
  const layer = new Map(nodes.map(n => [n.id, 0]));
  const waiting = new Map(nodes.map(n => [n.id, producers.get(n.id).length]));
  const queue = nodes.filter(n => waiting.get(n.id) === 0).map(n => n.id);
  while (queue.length) {
    const id = queue.shift();
    for (const c of consumers.get(id)) {
      layer.set(c, Math.max(layer.get(c), layer.get(id) + 1));
      waiting.set(c, waiting.get(c) - 1);
      if (waiting.get(c) === 0) queue.push(c);
    }
  }
  const layers = [];
  for (const n of nodes) {
    const l = layer.get(n.id);
    (layers[l] = layers[l] || []).push(n.id);
  }
  const pos = new Map();
  const index = () => layers.forEach(ids => ids.forEach((id, i) => pos.set(id, i)));
  index();
  const sweep = (neighbours, order) => {
    for (const l of order) {
      const ids = layers[l] || [];
      const score = new Map(ids.map(id => {
        const ns = neighbours.get(id);
        return [id, ns.length ? ns.reduce((s, n) => s + pos.get(n), 0) / ns.length : pos.get(id)];
      }));
      ids.sort((a, b) => score.get(a) - score.get(b));
      ids.forEach((id, i) => pos.set(id, i));
    }
  };
  const forward = [...layers.keys()].slice(1), backward = [...layers.keys()].reverse().slice(1);
  for (let i = 0; i < 2; i++) { sweep(producers, forward); sweep(consumers, backward); }
  const tallest = Math.max(...layers.map(ids => (ids || []).length));
  const xy = new Map();
  layers.forEach((ids, l) => {
    const offset = (tallest - ids.length) * (NODE_H + GAP_Y) / 2;
    ids.forEach((id, i) => xy.set(id, {x: PAD + l * (NODE_W + GAP_X), y: TOP + offset + i * (NODE_H + GAP_Y)}));
  });
  return {xy, width: 2 * PAD + layers.length * (NODE_W + GAP_X) - GAP_X,
    height: TOP + PAD + tallest * (NODE_H + GAP_Y) - GAP_Y};
}

function svgEl(tag, attrs, text) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function shorten(s, n) {
  return s.length > n ? s.substring(0, n - 1) + '…' : s;
}

/** The graph's SVG in a scrolling box; clicking a node calls open(runId). */
function drawGraph(g, direction, open) {
  const {xy, width, height} = layoutGraph(g.nodes, g.edges);
  const svg = svgEl('svg', {width, height, viewBox: '0 0 ' + width + ' ' + height, id: 'trace-graph'});
  for (const e of g.edges) {
    const a = xy.get(e.from), b = xy.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2, mx = (x1 + x2) / 2;
    // An edge that skips layers arcs over the runs between, instead of running behind them.
    const skips = b.x - a.x > NODE_W + GAP_X;
    const top = Math.min(a.y, b.y) - TOP + 6;
    const d = skips
      ? `M${x1},${y1} C${x1 + GAP_X},${top} ${x2 - GAP_X},${top} ${x2},${y2}`
      : `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
    const path = svgEl('path', {class: 'edge', d, 'data-from': e.from, 'data-to': e.to});
    path.appendChild(svgEl('title', {}, e.pointer));
    svg.appendChild(path);
  }
  for (const n of g.nodes) {
    const p = xy.get(n.id);
    const bad = n.status === 'failed' || n.failedTriggers.length > 0 || n.flaggedOutputs.length > 0;
    const cls = ['node', bad ? 'bad' : '', n.stale ? 'stale' : '', n.root ? 'root' : ''].join(' ').trim();
    const group = svgEl('g', {class: cls, transform: `translate(${p.x},${p.y})`, 'data-run': n.id, tabindex: 0});
    group.appendChild(svgEl('rect', {width: NODE_W, height: NODE_H, rx: 6}));
    group.appendChild(svgEl('text', {x: 8, y: 16}, shorten(n.component, 22)));
    const marks = [n.status === 'failed' ? 'failed' : '', ...n.failedTriggers.map(t => '✗ ' + t),
      n.flaggedOutputs.length ? '⚑ flagged' : '', n.stale ? 'stale' : ''].filter(Boolean).join(' ');
    group.appendChild(svgEl('text', {x: 8, y: 32, class: 'sub'}, shorten(marks || (n.startTime || '').substring(0, 19), 27)));
    const tip = [n.component, n.id, n.status, n.startTime, ...n.failedTriggers.map(t => 'failed trigger ' + t),
      ...n.flaggedOutputs.map(o => 'flagged ' + o), n.stale ? 'stale' : ''].filter(Boolean).join('\n');
    group.appendChild(svgEl('title', {}, tip));
    group.addEventListener('click', () => open(n.id));
    group.addEventListener('keydown', ev => { if (ev.key === 'Enter') open(n.id); });
    svg.appendChild(group);
  }
  if (g.nodes.length <= 60) svg.setAttribute('class', 'fit'); // small graphs shrink to the page
  const box = document.createElement('div');
  box.className = 'graph';
  box.appendChild(svg);
  // Where the traced run is, so the page can scroll a long lineage to it (see focusGraph).
  const root = g.nodes.find(n => n.root);
  if (root) box.dataset.focusX = String(xy.get(root.id).x + NODE_W / 2);
  return box;
}

/**
 * Scrolls a drawn graph to its traced run: upstream, that run is the rightmost of possibly
 * hundreds of layers, and a page that opened at the oldest producer would hide what was asked.
 */
function focusGraph(container) {
  const box = container.querySelector('.graph');
  if (box && box.dataset.focusX) box.scrollLeft = Math.max(0, Number(box.dataset.focusX) - box.clientWidth / 2);
}

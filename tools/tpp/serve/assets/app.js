// The page of `tpp serve`: the form becomes a query of /v1/ (the same figures as the command
// line's --from/--tops/--area/...); results are redrawn as you type. Nothing is loaded from
// elsewhere, and nothing is kept.
"use strict";

const PRECISIONS = ["fp64", "tf32", "fp16", "bf16", "fp8", "int8", "fp4"];
const $ = (id) => document.getElementById(id);
let base = null;      // the bundled chip's figures as loaded (the preset), or null
let controller = null;  // aborts the requests of a superseded edit
let timer = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function table(headers, rows) {
  const t = el("table", {});
  t.append(el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h)))));
  const body = el("tbody", {});
  for (const row of rows) body.append(row);
  t.append(body);
  return t;
}

function fmt(x) {
  if (x === null || x === undefined) return "–";
  if (typeof x === "number") return x.toLocaleString("en-US", { maximumFractionDigits: 6 });
  return String(x);
}

function valueOf(figure) {
  if (figure === null || figure === undefined) return "";
  if (typeof figure === "object") return figure.value === undefined ? "" : String(figure.value);
  return String(figure);
}

// The form's figures, as strings ("" when empty).
function figures() {
  const f = { tops: {} };
  for (const p of PRECISIONS) f.tops[p] = $("tops-" + p).value.trim();
  for (const id of ["name", "area", "dies", "memory", "io", "transistors"]) f[id] = $(id).value.trim();
  f.sparse = $("sparse").checked;
  f.datacenter = $("datacenter").checked;
  f.planar = $("planar").checked;
  return f;
}

// A number as the API reads it: digits, one point, no sign or exponent. Marks the input.
function checkNumber(input) {
  const ok = input.value.trim() === "" || /^\d+(\.\d+)?$/.test(input.value.trim());
  input.setAttribute("aria-invalid", ok ? "false" : "true");
  return ok;
}

// The query: from a preset, only what differs from it; from a blank chip, every figure.
function query() {
  const f = figures();
  const q = new URLSearchParams();
  const changed = (key, now) => !base || base[key] !== now;
  if (base) q.set("from", base.id);
  let anyTops = false;
  for (const p of PRECISIONS) {
    const v = f.tops[p];
    if (v === "") continue;
    anyTops = true;
    if (f.sparse || changed("tops-" + p, v)) q.append(f.sparse ? "sparse_tops" : "tops", p + "=" + v);
  }
  if (!base && !anyTops) return null;
  const pairs = [["area", "area_mm2"], ["dies", "dies"], ["memory", "memory_gbps"],
                 ["io", "io_gbps"], ["transistors", "transistors"]];
  for (const [id, param] of pairs) if (f[id] !== "" && changed(id, f[id])) q.set(param, f[id]);
  if (f.name !== "" && changed("name", f.name)) q.set("name", f.name);
  if (changed("datacenter", f.datacenter)) q.set("datacenter", f.datacenter ? "true" : "false");
  if (f.planar && changed("planar", f.planar)) q.set("planar", "true");
  const to = $("to").value.trim();
  if (to !== "") q.set("to", to);
  if ($("as-of").value !== "") q.set("as_of", $("as-of").value);
  if ($("tf32").value !== "32") q.set("tf32_bits", $("tf32").value);
  return q;
}

async function getJson(path, signal) {
  const res = await fetch(path, { signal });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

async function getText(path, signal) {
  const res = await fetch(path, { signal });
  const body = await res.text();
  if (!res.ok) throw new Error(JSON.parse(body).error.message);
  return body;
}

function showVerdict(r) {
  const v = $("verdict");
  v.className = r.status;
  const result = r.status === "controlled" ? `${r.paragraph} (ECCN ${r.eccn})`
    : r.status === "not-controlled" ? "not controlled (outside 3A090/4A090)"
    : `indeterminate: ${(r.missing_inputs || []).join(", ")}`;
  v.replaceChildren(
    el("p", { class: "big", id: "result" }, result),
    el("p", {}, `${r.name}: TPP ${fmt(r.tpp)}, performance density ${fmt(r.performance_density)}` +
      ` (${r.density_status}), ${fmt(r.h100_equivalents)} H100-equivalents; basis: ${r.basis}.`),
    el("p", {}, `Rule in force on ${r.as_of}: ${r.citation}.`));
}

function showLicence(r) {
  const d = r.destination;
  const box = $("licence");
  if (!d) return box.replaceChildren(el("p", {}, "Give a destination for the licence answer."));
  const items = (d.basis || []).map((b) => el("li", {}, `${b.kind}: ${b.text}`));
  box.replaceChildren(
    el("p", { id: "licence-answer" }, `To ${d.name} (${d.country}): licence ${d.licence}` +
      (d.review_policy ? `; review policy: ${typeof d.review_policy === "object" ? d.review_policy.policy : d.review_policy}` : "") +
      (d.missing_inputs.length ? `; would be settled by: ${d.missing_inputs.join(", ")}` : "") + "."),
    el("ul", {}, ...items, ...(d.notes || []).map((n) => el("li", {}, n))));
}

function showArithmetic(r) {
  const rows = [];
  for (const unit of r.tpp_by_unit || []) {
    for (const p of unit.precisions) {
      rows.push(el("tr", { class: p.governs ? "governs" : "" },
        el("td", {}, unit.name + (unit.count > 1 ? ` ×${unit.count}` : "")), el("td", {}, p.precision),
        el("td", { class: "num" }, fmt(p.tops) + (p.sparse ? " (sparse)" : "")),
        el("td", { class: "num" }, fmt(p.dense_tops)), el("td", { class: "num" }, p.bits),
        el("td", { class: "num" }, fmt(p.tpp)),
        el("td", {}, p.source ? el("a", { href: p.source, rel: "noreferrer" }, p.confidence || "source")
                              : (p.confidence || "given"))));
    }
  }
  $("arithmetic").replaceChildren(
    table(["Processing unit", "Precision", "TOPS", "Dense TOPS", "Bits", "TPP", "Source"], rows),
    el("p", {}, `TPP ${fmt(r.tpp)} = the highest dense TOPS × bits per unit, summed (bold: governs). ` +
      `Density = TPP ÷ ${fmt(r.applicable_die_area_mm2)} mm² = ${fmt(r.performance_density)}.`));
}

function showMargins(r) {
  $("margins").replaceChildren(table(["Metric", "Line", "Margin", "Side"], (r.margins || []).map((m) =>
    el("tr", {}, el("td", {}, m.metric), el("td", { class: "num" }, fmt(m.threshold)),
      el("td", { class: "num" }, (m.margin > 0 ? "+" : "") + fmt(m.margin)), el("td", {}, m.side)))));
}

function showHeadroom(h) {
  const cell = (x) => !x ? "–" : x.possible
    ? `now ${fmt(x.now)}; at ${fmt(x.boundary)}: ${x.result_at_boundary}; at ${fmt(x.past)}: ${x.result_past}`
    : x.why_not;
  $("headroom").replaceChildren(
    el("p", {}, `Now: ${h.result}; varying ${h.precision || "throughput"}.`),
    table(["Line", "Used by", "By throughput", "By die area (mm²)"], (h.lines || []).map((l) =>
      el("tr", {}, el("td", {}, `${l.metric} ${fmt(l.threshold)}`), el("td", {}, l.used_by),
        el("td", {}, cell(l.by_throughput)), el("td", {}, cell(l.by_area))))));
}

function showTimeline(t) {
  $("timeline").replaceChildren(table(["Date", "Event", "Result", "Licence"], (t.entries || []).map((e) =>
    el("tr", { class: e.changed ? "changed" : "" }, el("td", {}, e.date), el("td", {}, e.event || e.revision || ""),
      el("td", {}, e.paragraph || e.status), el("td", {}, e.licence || "–")))));
}

async function update() {
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const inputs = document.querySelectorAll("#chip-form input[inputmode]");
  let valid = true;
  for (const input of inputs) valid = checkNumber(input) && valid;
  const q = valid ? query() : null;
  if (!valid || !q) {
    $("error").textContent = valid ? "Give at least one throughput figure." : "Figures are plain numbers, e.g. 296 or 814.5.";
    return;
  }
  const s = q.toString();
  const noTo = new URLSearchParams(q); noTo.delete("to");
  try {
    const [explain, svg, headroom, timeline] = await Promise.all([
      getJson("/v1/explain?" + s, signal), getText("/v1/plot?" + noTo.toString(), signal),
      getJson("/v1/headroom?" + noTo.toString(), signal).catch((e) => e),
      getJson("/v1/timeline?" + s, signal)]);
    const r = explain.report;
    $("error").textContent = "";
    showVerdict(r); showLicence(r); showArithmetic(r); showMargins(r);
    $("map").innerHTML = svg;
    if (headroom instanceof Error) $("headroom").replaceChildren(el("p", {}, headroom.message));
    else showHeadroom(headroom);
    showTimeline(timeline);
    $("explain").textContent = explain.text;
  } catch (e) {
    if (e.name === "AbortError") return;
    $("error").textContent = e.message;
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, 200);
}

// A bundled chip's figures into the form (its first processing unit, its first logic die).
async function loadPreset(id) {
  for (const p of PRECISIONS) $("tops-" + p).value = "";
  for (const i of ["name", "area", "dies", "memory", "io", "transistors"]) $(i).value = "";
  $("sparse").checked = false; $("datacenter").checked = true; $("planar").checked = false;
  base = null;
  if (id === "") return schedule();
  const spec = await getJson("/v1/chips/" + encodeURIComponent(id) + "/spec");
  const loaded = { id };
  for (const t of ((spec.processing_units || [])[0] || {}).throughput || []) {
    if (PRECISIONS.includes(t.precision)) $("tops-" + t.precision).value = valueOf(t.tops);
  }
  const die = (spec.dies || []).find((d) => d.logic !== false);
  if (die) { $("area").value = valueOf(die.area_mm2); $("dies").value = valueOf(die.count); $("planar").checked = die.non_planar === false; }
  $("memory").value = valueOf((spec.memory || {}).bandwidth_gbps);
  $("io").value = valueOf(spec.io_bidirectional_gbps);
  $("transistors").value = valueOf(spec.transistors_billion);
  $("name").value = spec.name || id;
  if (spec.datacenter !== undefined) $("datacenter").checked = valueOf(spec.datacenter) !== "false";
  const f = figures();
  for (const p of PRECISIONS) loaded["tops-" + p] = f.tops[p];
  for (const k of ["name", "area", "dies", "memory", "io", "transistors", "datacenter", "planar"]) loaded[k] = f[k];
  base = loaded;
  schedule();
}

async function start() {
  const grid = $("tops-fields");
  for (const p of PRECISIONS) {
    const input = el("input", { id: "tops-" + p, name: "tops-" + p, inputmode: "decimal" });
    grid.append(el("label", { for: "tops-" + p }, p.toUpperCase() + " dense TOPS", input));
  }
  $("as-of").value = new Date().toISOString().slice(0, 10);
  $("chip-form").addEventListener("input", (e) => { if (e.target.id !== "preset") schedule(); });
  $("chip-form").addEventListener("submit", (e) => { e.preventDefault(); update(); });
  $("preset").addEventListener("change", () => loadPreset($("preset").value).catch((e) => { $("error").textContent = e.message; }));
  try {
    const [list, health] = await Promise.all([getJson("/v1/chips"), getJson("/healthz")]);
    $("rules").textContent = `Rules ${health.rules_version}; ${health.tool}.`;
    for (const c of list.chips.filter((c) => c.kind === "accelerator")) {
      $("preset").append(el("option", { value: c.id }, `${c.name} (${c.id})`));
    }
  } catch (e) {
    $("error").textContent = e.message;
  }
  document.body.dataset.ready = "true";
}

start();

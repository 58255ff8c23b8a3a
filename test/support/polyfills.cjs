// Node 20 lacks Map.groupBy (Node 21+), which vitest 5's reporters call when a test fails.
// Loaded with `node --require` before vitest starts; a no-op on newer Node versions.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = function groupBy(items, keyFn) {
    const out = new Map();
    let i = 0;
    for (const item of items) {
      const k = keyFn(item, i++);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
}
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = function groupBy(items, keyFn) {
    const out = Object.create(null);
    let i = 0;
    for (const item of items) {
      const k = keyFn(item, i++);
      (out[k] ||= []).push(item);
    }
    return out;
  };
}

// The canvas's threads and the plan JSON of the contract (DESIGN.md).
// A thread here is {product: <product id>, plane, points: [[x, y], …]} in face millimetres;
// points[0] is the entry, the rest the path. Only threads with an entry and one more point
// are written into the plan (the contract needs a non-empty path).

export const round = (v) => Math.round(v * 10) / 10;

export function pathLength(points) {
  let total = 0;
  for (let i = 1; i < points.length; i += 1) {
    total += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
  }
  return total;
}

export function productKey(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function toPlan(threads, products, view, indication) {
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    view,
    indication,
    threads: threads
      .filter((t) => t.points.length >= 2)
      .map((t) => ({
        product: (byId.get(t.product) || products[0] || { value: t.product }).value,
        entry: t.points[0].map(round),
        path: t.points.slice(1).map((p) => p.map(round)),
        plane: t.plane,
      })),
  };
}

// A plan in the contract's JSON with [x, y] points (the server resolves anchored points
// before it hands a plan to the canvas). Unknown products are added to `products`.
export function fromPlan(plan, products) {
  if (!plan || !Array.isArray(plan.threads)) return [];
  const keys = new Map(products.map((p) => [productKey(p.value), p.id]));
  return plan.threads
    .filter((t) => Array.isArray(t.entry) && Array.isArray(t.path))
    .map((t, i) => {
      const key = productKey(t.product);
      if (!keys.has(key)) {
        const id = `planned-${i}`;
        products.push({ id, label: `As planned (${typeof t.product === "string" ? t.product : "thread " + (i + 1)})`, length_mm: t.product.length_mm || null, value: t.product });
        keys.set(key, id);
      }
      return {
        product: keys.get(key),
        plane: t.plane,
        points: [t.entry, ...t.path].map((p) => [Number(p[0]), Number(p[1])]),
      };
    });
}

export function mirrorThread(thread, midline) {
  return {
    ...thread,
    points: thread.points.map(([x, y]) => [round(2 * midline - x), y]),
  };
}

export function clone(threads) {
  return threads.map((t) => ({ ...t, points: t.points.map((p) => [...p]) }));
}

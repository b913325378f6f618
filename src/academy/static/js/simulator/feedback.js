// Live feedback in learn mode: the plan is scored on the server (debounced), and the
// findings are written as text into an aria-live list.
const RANK = { info: 1, warning: 2, critical: 3 };

function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : "";
}

export function worstByThread(score) {
  const out = {};
  for (const f of (score && score.findings) || []) {
    if (f.thread === null || f.thread === undefined) continue;
    if (!out[f.thread] || RANK[f.severity] > RANK[out[f.thread]]) out[f.thread] = f.severity;
  }
  return out;
}

export function renderFindings(list, summary, score, threadIndex) {
  list.replaceChildren();
  if (!score) {
    summary.textContent = "";
    return;
  }
  summary.textContent = `${score.passed ? "Would pass" : "Would not pass"}: safety ${score.safety}, efficacy ${score.efficacy}, overall ${score.overall}.`;
  for (const f of score.findings) {
    const li = document.createElement("li");
    li.className = `finding finding-${f.severity}`;
    const badge = document.createElement("span");
    badge.className = `badge sev-${f.severity}`;
    badge.textContent = f.severity;
    li.appendChild(badge);
    const where = f.thread === null || f.thread === undefined ? "Whole plan" : `Thread ${threadIndex(f.thread) + 1}`;
    li.appendChild(document.createTextNode(` ${where}: ${f.message}`));
    if (f.sources && f.sources.length) {
      const src = document.createElement("span");
      src.className = "muted";
      src.textContent = ` (sources: ${f.sources.join(", ")})`;
      li.appendChild(src);
    }
    list.appendChild(li);
  }
  if (!score.findings.length) {
    const li = document.createElement("li");
    li.textContent = "No findings.";
    list.appendChild(li);
  }
}

export function makeScorer(url, faceId, onScore, onError) {
  let timer = 0;
  let controller = null;
  return (plan) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      if (!plan.threads.length) {
        onScore(null);
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const sep = url.includes("?") ? "&" : "?";
        const response = await fetch(`${url}${sep}face=${encodeURIComponent(faceId)}`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
          body: JSON.stringify(plan),
          credentials: "same-origin",
          signal: controller.signal,
        });
        const body = await response.json();
        if (response.ok) onScore(body);
        else if (response.status === 429) onError("Too many scoring requests: wait a moment, the feedback will return.");
        else onError((body.error && body.error.message) || `Could not score the plan (${response.status}).`);
      } catch (err) {
        if (err.name !== "AbortError") onError("Could not reach the scoring service.");
      }
    }, 250);
  };
}

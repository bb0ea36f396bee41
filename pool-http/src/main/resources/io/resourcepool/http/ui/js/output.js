// A job's output in a terminal-like box, followed live: GET /v1/jobs/{id}/output read as Server-Sent Events.
import { describe, send } from './api.js';
import { el } from './dom.js';
import { readEvents } from './sse.js';

/** Appends text to the box, keeping it scrolled to the end when it was there. */
export function append(box, text, kind = 'stdout') {
  const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
  box.append(kind === 'stdout' ? document.createTextNode(text) : el('span', { class: kind }, text));
  if (atEnd) {
    box.scrollTop = box.scrollHeight;
  }
}

/**
 * Follows a job until its result: each output event is appended, the result event handed to onResult.
 * Resolves when the stream ends; aborting the signal stops following (the job goes on).
 */
export async function follow(jobId, box, onResult, signal) {
  try {
    const response = await send('GET', `/v1/jobs/${encodeURIComponent(jobId)}/output`, undefined, signal);
    await readEvents(response, ({ name, data }) => {
      if (name === 'output') {
        append(box, data.text, data.channel);
      } else if (name === 'result') {
        onResult(data);
      } else if (name === 'error') {
        append(box, `\n[${data.detail || data.title}]\n`, 'stderr');
      }
    });
  } catch (error) {
    if (error.name !== 'AbortError') {
      append(box, `\n[${describe(error)}]\n`, 'stderr');
    }
  }
}

// Runs a task now and again every interval, one run at a time, skipping runs while the tab is hidden.
export function every(millis, task, onError) {
  let stopped = false;
  let timer = null;
  async function tick() {
    if (stopped) {
      return;
    }
    if (!document.hidden) {
      try {
        await task();
      } catch (error) {
        onError(error);
      }
    }
    if (!stopped) {
      timer = setTimeout(tick, millis);
    }
  }
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

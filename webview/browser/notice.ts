// A short-lived notice at the bottom of a panel, for what the host could not do.
let timer: ReturnType<typeof setTimeout> | undefined;

export function showNotice(text: string, ms = 5000): void {
  let notice = document.querySelector<HTMLElement>('.notice');
  if (!notice) {
    notice = document.createElement('div');
    notice.className = 'notice';
    notice.setAttribute('role', 'alert');
    document.body.append(notice);
  }
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(timer);
  const shown = notice;
  timer = setTimeout(() => {
    shown.hidden = true;
  }, ms);
}

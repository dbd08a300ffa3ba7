// The demo host pages (the citizen counter at /, the staff desk at /desk): a locale switch, the dev
// SMS "phone" and a log of the element's events. External and free of inline handlers, so the
// pages keep their strict Content-Security-Policy.
const counter = document.querySelector('citizen-counter, counter-desk');
const smsList = document.getElementById('sms');
const eventList = document.getElementById('events');
const digits = (text) => String(text).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
const time = new Intl.DateTimeFormat('fa-IR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

for (const button of document.querySelectorAll('[data-locale]')) {
  button.addEventListener('click', () => {
    counter.setAttribute('locale', button.dataset.locale);
    for (const other of document.querySelectorAll('[data-locale]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
  });
}

for (const name of ['cc-login', 'cc-submit', 'cc-logout', 'cc-error', 'cd-login', 'cd-logout', 'cd-action']) {
  counter.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${time.format(new Date())} ${name} ${JSON.stringify(event.detail)}`;
    eventList.prepend(item);
  });
}

/** Shows the dev SMS provider's messages; the answer shape is {items: DevSmsMessage[]}. */
async function pollSms() {
  try {
    const response = await fetch('/dev/sms?org=demo', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { items } = await response.json();
    const sorted = [...items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, 20);
    smsList.replaceChildren(
      ...sorted.map((sms) => {
        const item = document.createElement('li');
        const meta = document.createElement('div');
        meta.className = 'meta';
        const to = document.createElement('bdi');
        to.dir = 'ltr';
        to.textContent = digits(sms.to.replace(/^\+98(\d{3})(\d{3})(\d{4})$/, '0$1 $2 $3'));
        meta.append(to, ` — ${time.format(new Date(sms.createdAt))}`);
        const text = document.createElement('p');
        text.textContent = sms.text;
        item.append(meta, text);
        return item;
      }),
    );
    if (sorted.length === 0) smsList.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'هنوز پیامکی نرسیده است.', className: 'empty' }));
  } catch {
    smsList.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'سرویس پیامک آزمایشی در دسترس نیست.', className: 'empty' }));
  }
}

pollSms();
setInterval(pollSms, 2000);

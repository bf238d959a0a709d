// Print check page (built only by scripts/print-check.sh): renders a table produced by the real core with the
// app's own print component and CSS, so headless Chromium can print it to PDF for inspection.
import { mount } from 'svelte';
import './app.css';
import PrintTableView from './lib/PrintTableView.svelte';
import { setPage } from './lib/print';

const params = new URLSearchParams(location.search);
const table = await (await fetch(params.get('table') ?? 'table.json')).json();
setPage(table.landscape);
const root = document.getElementById('app')!;
root.className = 'print-root';
mount(PrintTableView, { target: root, props: { table, orgName: params.get('org') ?? '' } });
document.body.dataset.ready = '1';

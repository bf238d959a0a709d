// Page size for the print view. @page cannot be scoped to an element, so it is set while a print view is shown.
export function setPage(landscape: boolean): () => void {
  const style = document.createElement('style');
  const d = new Date();
  const printed = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  style.textContent = `@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 15mm 15mm 18mm;
    @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; }
    @bottom-right { content: "打印日期：${printed}"; font-size: 9pt; } }`;
  document.head.appendChild(style);
  return () => style.remove();
}

import { render } from 'preact';

function Options() {
  return <main><h1>{browser.i18n.getMessage('extName')}</h1></main>;
}

render(<Options />, document.getElementById('app')!);

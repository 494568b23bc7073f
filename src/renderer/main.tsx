import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { fromBridge } from '../shared/studio-client';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App studio={fromBridge(window.studio)} />
    </StrictMode>,
  );
}

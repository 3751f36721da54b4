import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { consumeSignInLink } from './sign-in-link.js';
import './styles.css';

// Before the app reads the session: a sign-in link replaces it.
consumeSignInLink();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

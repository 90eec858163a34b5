import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { WallPage } from './features/video';
import { currentView } from './platform/popout';
import { ConsoleProvider } from './app/ConsoleContext';
import { ConsoleStore } from './app/consoleStore';
import { connectStore } from './app/connectStore';
import { resolveConsoleApi } from './platform/resolveApi';
import { initI18n } from './i18n';
import { markDrillWindow } from './features/drills';
import { KeyboardProvider } from './features/keyboard';
import './styles.css';

async function boot(): Promise<void> {
  const api = resolveConsoleApi();
  const store = new ConsoleStore();
  await connectStore(api, store);
  initI18n(store.getState().settings?.locale ?? 'zh-CN');
  markDrillWindow(store.getState().host);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConsoleProvider api={api} store={store}>
        {currentView() === 'wall' ? (
          <WallPage />
        ) : (
          <KeyboardProvider>
            <App />
          </KeyboardProvider>
        )}
      </ConsoleProvider>
    </StrictMode>,
  );
}

boot().catch((err: unknown) => {
  // Visible on the wall, not only in a devtools console nobody watches.
  const root = document.getElementById('root')!;
  root.textContent = `控制台启动失败 / Console failed to start: ${err instanceof Error ? err.message : String(err)}`;
  root.className = 'boot-error';
  console.error(err);
});

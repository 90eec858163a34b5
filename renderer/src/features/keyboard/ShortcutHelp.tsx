import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMAND_GROUPS, COMMANDS } from './commands';
import { useCommand, useKeyContext } from './KeyboardProvider';
import './keyboard.css';

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  Escape: 'Esc',
  Home: 'Home',
};
const keyName = (key: string) => KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);

/** The ? overlay: every key of the registry with its help text, by group. Esc or ? closes it. */
export function ShortcutHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useKeyContext('helpOpen', open);
  useCommand('help.open', () => setOpen(true));
  useCommand('help.close', () => setOpen(false));
  if (!open) return null;
  return (
    <div className="shortcut-help-backdrop" onClick={() => setOpen(false)}>
      <div
        className="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-label={t('keyboard.title')}
        data-testid="shortcut-help"
        onClick={(e) => e.stopPropagation()}
      >
        <header>
          <h2>{t('keyboard.title')}</h2>
          <button type="button" data-testid="shortcut-help-close" onClick={() => setOpen(false)}>
            {t('keyboard.close')}
          </button>
        </header>
        <div className="shortcut-help-groups">
          {COMMAND_GROUPS.map((group) => (
            <section key={group} data-group={group}>
              <h3>{t(`keyboard.groups.${group}`)}</h3>
              <dl>
                {COMMANDS.filter((c) => c.group === group).map((c) => (
                  <div
                    key={c.id}
                    className="shortcut-help-item"
                    data-testid="shortcut-help-item"
                    data-command-id={c.id}
                  >
                    <dt>
                      {'keyLabel' in c ? (
                        <kbd>{c.keyLabel}</kbd>
                      ) : (
                        c.keys.map((k) => <kbd key={k}>{keyName(k)}</kbd>)
                      )}
                    </dt>
                    <dd>{t(`keyboard.commands.${c.id}`)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}

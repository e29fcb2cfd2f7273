import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { Key } from './Key';

export interface RadioItem<T> {
  value: T;
  label: ReactNode;
  /** The shortcut shown on the option (and announced as aria-keyshortcuts). */
  shortcut?: string | undefined;
  /** The label already shows the key (a rating of 4 is picked with 4): announce it, do not draw it twice. */
  shortcutInLabel?: boolean;
  description?: string | undefined;
  disabled?: boolean;
}

/**
 * A radio group of buttons with one tab stop (the checked option). Left/Right move and pick, like
 * native radios; Up/Down are left to the page, which moves between questions with them.
 */
export function RadioGroup<T extends string | number>({
  items,
  value,
  onChange,
  labelledBy,
  label,
  className = '',
  lang,
}: {
  items: RadioItem<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  labelledBy?: string;
  label?: string;
  className?: string;
  lang?: string | undefined;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const enabled = items.map((it, i) => (it.disabled ? -1 : i)).filter((i) => i >= 0);
  const checkedIndex = items.findIndex((it) => it.value === value);
  const tabIndexAt = checkedIndex >= 0 ? checkedIndex : (enabled[0] ?? 0);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
    let target: number | undefined;
    if (dir) {
      const step = rtl ? -dir : dir;
      const pos = enabled.indexOf(index);
      target = enabled[(pos + step + enabled.length) % enabled.length];
    } else if (e.key === 'Home') target = enabled[0];
    else if (e.key === 'End') target = enabled[enabled.length - 1];
    if (target === undefined) return;
    e.preventDefault();
    const item = items[target];
    if (!item) return;
    onChange(item.value);
    refs.current[target]?.focus();
  };

  return (
    <div
      role="radiogroup"
      aria-labelledby={labelledBy}
      aria-label={label}
      className={`radio-group ${className}`}
    >
      {items.map((it, i) => (
        // biome-ignore lint/a11y/useSemanticElements: buttons as radios give one tab stop, visible key hints and Left/Right without native radios' Up/Down (kept for moving between questions)
        <button
          key={String(it.value)}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={it.value === value}
          aria-keyshortcuts={it.shortcut && !it.shortcut.includes(' ') ? it.shortcut : undefined}
          aria-disabled={it.disabled || undefined}
          tabIndex={i === tabIndexAt ? 0 : -1}
          data-option=""
          className="radio-option"
          onClick={() => !it.disabled && onChange(it.value)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {it.shortcut && !it.shortcutInLabel && <Key>{it.shortcut}</Key>}
          <span className="option-text">
            <span dir="auto" lang={lang}>
              {it.label}
            </span>
            {it.description && (
              <span className="option-description" dir="auto" lang={lang}>
                {it.description}
              </span>
            )}
          </span>
        </button>
      ))}
    </div>
  );
}

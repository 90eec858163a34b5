import { useEffect, useRef, useState, type RefObject } from 'react';

type Listener = (visible: boolean) => void;

/** One observer for every watched element: thousands of queue rows cost one observer, not thousands. */
let observer: IntersectionObserver | null = null;
const listeners = new WeakMap<Element, Listener>();

function shared(): IntersectionObserver | null {
  if (typeof IntersectionObserver === 'undefined') return null;
  observer ??= new IntersectionObserver((entries) => {
    for (const e of entries) listeners.get(e.target)?.(e.isIntersecting);
  });
  return observer;
}

/**
 * Whether the element is on screen (in the viewport and not scrolled out of its list). Without
 * IntersectionObserver (tests in Node) everything counts as visible.
 */
export function useVisible<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T | null>(null);
  const [visible, setVisible] = useState(() => shared() === null);
  useEffect(() => {
    const el = ref.current;
    const io = shared();
    if (!el || !io) return;
    listeners.set(el, setVisible);
    io.observe(el);
    return () => {
      io.unobserve(el);
      listeners.delete(el);
    };
  }, []);
  return [ref, visible];
}

"use client";

import { useEffect, useState, type RefObject } from "react";

/** The canvas never gets shorter than this, however small the window. */
const MIN_HEIGHT = 420;
/** Room kept under the canvas: the page's bottom padding. */
const GAP_BELOW = 16;

/**
 * The height that makes the element fill the window from where it starts (page scrolled to
 * the top) to the bottom, at least MIN_HEIGHT: the canvas takes what the header, tabs and
 * toolbar leave, like a design tool, instead of running past the bottom of the screen. Kept
 * current as the window or what is above the element changes size.
 */
export function useFillWindowHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(MIN_HEIGHT);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setHeight(measureFillHeight(element));
    measure();
    window.addEventListener("resize", measure);
    // What is above the canvas (notices, a session bar) changes its top.
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener("resize", measure);
      observer.disconnect();
    };
  }, [ref]);
  return height;
}

/**
 * The height that makes `element` fill the window from where it starts to the bottom, as the
 * hook above keeps it; for a first layout that cannot wait for the hook's first measure.
 */
export function measureFillHeight(element: HTMLElement): number {
  const top = element.getBoundingClientRect().top + window.scrollY;
  return Math.max(MIN_HEIGHT, Math.round(window.innerHeight - top - GAP_BELOW));
}

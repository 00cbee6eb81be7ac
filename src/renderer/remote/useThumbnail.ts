import { useEffect, useRef, useState } from 'react';
import { useRemote, useServices } from './context';

/**
 * A scene's live thumbnail for an element: while the element is on screen (IntersectionObserver)
 * the thumbnailer keeps that scene's picture fresh; off screen it is left alone.
 */
export function useThumbnail<T extends Element>(sceneName: string | null) {
  const { thumbnails } = useServices();
  const ref = useRef<T>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) setVisible(entry.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!visible || !sceneName) return;
    return thumbnails.watch(sceneName);
  }, [visible, sceneName, thumbnails]);

  const thumb = useRemote((s) => (sceneName ? s.thumbnails[sceneName] : undefined));
  return { ref, thumb };
}

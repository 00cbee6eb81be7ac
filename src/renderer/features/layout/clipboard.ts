/**
 * Copies text for the user. navigator.clipboard needs a permission the desktop app's permission
 * handler does not grant (it allows media only), so a copy command on a hidden text field, which
 * a click allows, is the fallback. Resolves false when neither worked: the caller says so.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fall through to the copy command.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

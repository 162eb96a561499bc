/**
 * The voice studio's only script, served as a file (/staff/assets/voice-studio.js) under a CSP
 * that allows no inline script. It turns what the person gives — a WAV, MP3 or OGG file, or a
 * microphone recording (MediaRecorder) — into a mono 16 kHz 16-bit WAV with the browser's own
 * decoders (Web Audio), and posts it to the segment's upload URL; the server checks length and
 * loudness, levels it and stores the 8 kHz WAV both voice providers play.
 */
export const STUDIO_SCRIPT = String.raw`(() => {
  "use strict";
  const studio = document.getElementById("studio");
  if (!studio) return;
  const csrf = studio.dataset.csrf;
  const RATE = 16000;

  function encodeWav(samples, rate) {
    const buffer = new ArrayBuffer(44 + samples.length * 2);
    const view = new DataView(buffer);
    const put = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
    put(0, "RIFF"); view.setUint32(4, 36 + samples.length * 2, true); put(8, "WAVE"); put(12, "fmt ");
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true); view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true); put(36, "data");
    view.setUint32(40, samples.length * 2, true);
    for (let i = 0; i < samples.length; i++) view.setInt16(44 + i * 2, Math.max(-1, Math.min(1, samples[i])) * 32767, true);
    return buffer;
  }

  async function toWav(bytes) {
    const context = new AudioContext();
    let decoded;
    try { decoded = await context.decodeAudioData(bytes); } finally { context.close(); }
    const frames = Math.max(1, Math.ceil(decoded.duration * RATE));
    const offline = new OfflineAudioContext(1, frames, RATE);
    const source = offline.createBufferSource();
    source.buffer = decoded;
    source.connect(offline.destination);
    source.start();
    const rendered = await offline.startRendering();
    return encodeWav(rendered.getChannelData(0), RATE);
  }

  async function send(row, bytes, origin) {
    const status = row.querySelector(".studio-status");
    status.textContent = "Convirtiendo…";
    let wav;
    try { wav = await toWav(bytes); } catch (e) { status.textContent = "No se pudo leer el audio (¿es WAV, MP3 u OGG?)."; return; }
    status.textContent = "Guardando…";
    const res = await fetch(row.dataset.upload, { method: "POST", headers: { "content-type": "audio/wav", "x-csrf-token": csrf, "x-audio-source": origin }, body: wav, credentials: "same-origin" });
    let answer = {};
    try { answer = await res.json(); } catch (e) { /* not JSON */ }
    status.textContent = answer.message || (res.ok ? "Guardado." : "No se guardó (" + res.status + ").");
    if (res.ok) setTimeout(() => location.reload(), 600);
  }

  for (const row of studio.querySelectorAll("tr[data-upload]")) {
    const file = row.querySelector(".studio-file");
    const record = row.querySelector(".studio-record");
    const stop = row.querySelector(".studio-stop");
    const status = row.querySelector(".studio-status");
    file.addEventListener("change", async () => {
      if (file.files && file.files[0]) await send(row, await file.files[0].arrayBuffer(), "upload");
    });
    let recorder = null;
    record.addEventListener("click", async () => {
      if (!window.MediaRecorder || !navigator.mediaDevices) { status.textContent = "Este navegador no puede grabar: suba un archivo."; return; }
      let stream;
      try { stream = await navigator.mediaDevices.getUserMedia({ audio: true }); } catch (e) { status.textContent = "No hay permiso para usar el micrófono."; return; }
      const chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
      recorder.addEventListener("stop", async () => {
        for (const track of stream.getTracks()) track.stop();
        record.disabled = false; stop.disabled = true;
        await send(row, await new Blob(chunks, { type: recorder.mimeType }).arrayBuffer(), "microphone");
      });
      recorder.start();
      record.disabled = true; stop.disabled = false;
      status.textContent = "Grabando… hable ahora y pulse «Detener y guardar».";
      stop.focus();
    });
    stop.addEventListener("click", () => { if (recorder && recorder.state === "recording") recorder.stop(); });
  }
})();
`;

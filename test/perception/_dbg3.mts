import sharp from 'sharp';
import { loadOcrModels, defaultOcrModelDir } from '../../src/perception/ocr/ocr-models.js';
import { detectTextBoxes } from '../../src/perception/ocr/detect-text.js';
import { toRgbImage, resizeRgb } from '../../src/perception/ocr/rgb-image.js';
const m = await loadOcrModels(defaultOcrModelDir());
for (const fs of [26, 30, 36, 48]) {
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#303030"/><text x="80" y="200" font-family="DejaVu Sans" font-size="${fs}" fill="#f4f4f4">Exit 12 kettle 7715</text></svg>`;
const rgb = await toRgbImage(await sharp(Buffer.from(svg)).jpeg({quality:75}).toBuffer());
const boxes = await detectTextBoxes(m, rgb);
for (const b of boxes) {
  const w = Math.ceil(48*b.width/b.height); const W = Math.max(320,w);
  const px = await resizeRgb(rgb, w, 48, b);
  const t = new Float32Array(3*48*W);
  for (let y=0;y<48;y++) for (let x=0;x<w;x++) for (let c=0;c<3;c++) t[c*48*W+y*W+x]=px[(y*w+x)*3+2-c]!/127.5-1;
  const out = await m.recognition.run({x: new m.ort.Tensor('float32', t, [1,3,48,W])});
  const o = out[m.recognition.outputNames[0]!]!; const [, S, C] = o.dims as number[]; const d = o.data as Float32Array;
  let s=''; for (let i=0;i<S!;i++){let bi=0,bp=0;for(let k=0;k<C!;k++) if(d[i*C!+k]!>bp){bp=d[i*C!+k]!;bi=k;} s+= bi===0?'_':bi===C!-1?'␣':m.characters[bi]; }
  console.log(fs, b.width, b.height, w, s);
}}

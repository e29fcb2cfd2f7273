// Further labelled sentences for the PII evaluation sets (pii-eval-gen.mjs), generated after the main
// ones so that adding them left every earlier sentence as it was: regions and provinces by name, Korean
// names, and dates and phone numbers written with Arabic-Indic (٠-٩), Eastern Arabic-Indic (۰-۹) or
// Devanagari (०-९) digits. Same rules as pii-eval-locales.mjs: two disjoint halves, values written for
// this project from general knowledge (region names hand-written here, not taken from the detector's
// generated list).
//
// Per language: `provinces` (values of the {REGION} slot), `templates` per half, and `digits` (the
// numbering system the digits of a half's sentences are rewritten in, per template index).

export const EXTRAS = {
  en: {
    provinces: {
      tune: ['Texas', 'Ohio', 'Florida', 'Michigan'],
      held: ['Oregon', 'Nebraska', 'Kentucky', 'Vermont', 'New Mexico'],
    },
    templates: {
      tune: ['She grew up in {REGION} and now lives in {CITY}.'],
      held: [
        'Our warehouse in {REGION} ships on Mondays.',
        '{REGION} has the lowest shipping rates this month.',
      ],
    },
  },
  de: {
    provinces: {
      tune: ['Bayern', 'Sachsen', 'Hessen'],
      held: ['Niedersachsen', 'Thüringen', 'Brandenburg', 'Schleswig-Holstein'],
    },
    templates: { tune: ['Ich wohne in {REGION}.'], held: ['Unser Lager in {REGION} versendet montags.'] },
  },
  fr: {
    provinces: {
      tune: ['Bretagne', 'Normandie', 'Occitanie'],
      held: ['Nouvelle-Aquitaine', 'Grand Est', 'Hauts-de-France', 'Île-de-France'],
    },
    templates: { tune: ["J'habite en {REGION}."], held: ['Je vis dans la région {REGION} depuis dix ans.'] },
  },
  es: {
    provinces: {
      tune: ['Andalucía', 'Galicia', 'Cataluña'],
      held: ['Aragón', 'Extremadura', 'Castilla-La Mancha', 'Murcia'],
    },
    templates: {
      tune: ['Vivo en {REGION} desde hace años.'],
      held: ['Nuestro almacén en {REGION} envía los lunes.'],
    },
  },
  it: {
    provinces: {
      tune: ['Toscana', 'Lombardia', 'Sicilia'],
      held: ['Puglia', 'Piemonte', 'Emilia-Romagna', 'Veneto'],
    },
    templates: {
      tune: ['Abito in {REGION}.'],
      held: ['Il nostro magazzino in {REGION} spedisce il lunedì.'],
    },
  },
  pt: {
    provinces: {
      tune: ['Minas Gerais', 'Bahia', 'Paraná'],
      held: ['Santa Catarina', 'Pernambuco', 'Rio Grande do Sul', 'Goiás'],
    },
    templates: { tune: ['Moro em {REGION}.'], held: ['Nosso depósito em {REGION} envia às segundas.'] },
  },
  nl: {
    provinces: {
      tune: ['Gelderland', 'Zeeland', 'Noord-Brabant'],
      held: ['Friesland', 'Drenthe', 'Overijssel', 'Limburg'],
    },
    templates: { tune: ['Ik woon in {REGION}.'], held: ['Ons magazijn in {REGION} verzendt op maandag.'] },
  },
  ar: {
    templates: {
      tune: ['رقم هاتفي {PHONE}', 'ولدت في {DOB}'],
      held: ['يمكنك الاتصال بي على {PHONE}', 'تاريخ الميلاد: {DOB}', 'وصل الطرد يوم {DATE}'],
    },
    digits: { tune: ['arab', 'arab'], held: ['arab', 'arabext', 'arab'] },
  },
  hi: {
    templates: { tune: ['मेरा फ़ोन नंबर {PHONE} है।'], held: ['मेरी जन्मतिथि {DOB} है।', 'मुझे {PHONE} पर कॉल करें।'] },
    digits: { tune: ['deva'], held: ['deva', 'deva'] },
  },
  ko: {
    // Family name first, no space; the honorific (씨, 님) is not part of the span.
    familyFirst: true,
    nameSep: { tune: '', held: '' },
    regions: ['KR'],
    given: {
      tune: ['민준', '서연', '지훈', '하은', '도윤'],
      held: ['예준', '지우', '시우', '수아', '현우', '서윤'],
    },
    family: { tune: ['김', '이', '박', '최', '정'], held: ['강', '조', '윤', '장', '임', '한', '남궁'] },
    cities: { tune: ['서울'], held: ['부산'] },
    streets: { tune: ['세종대로'], held: ['해운대로'] },
    orgs: { tune: ['한빛상사'], held: ['푸른바다식품'] },
    address: () => '',
    templates: {
      tune: ['{NAME} 씨에게 연락해 주세요.', '제 이름은 {NAME}입니다.'],
      held: [
        '{NAME}님, 주문하신 상품이 발송되었습니다.',
        '안녕하세요, 제 이름은 {NAME}이고 배송 문의드립니다.',
        '{NAME} 님께 전달했습니다.',
      ],
    },
  },
};

const ZERO = { arab: 0x0660, arabext: 0x06f0, deva: 0x0966 };

/** `s` with its ASCII digits written in numbering system `system` (same length). */
export function toDigits(s, system) {
  const zero = ZERO[system];
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(zero + d.charCodeAt(0) - 48));
}

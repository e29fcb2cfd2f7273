/** Words the fake generators draw from: surnames across cultures, and plain US street and city names. */

export const SURNAMES =
  `Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson
  Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill Campbell
  Mitchell Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan
  Garcia Martinez Rodriguez Lopez Gonzalez Hernandez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Moreno
  Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Rossi Russo Ferrari Bianchi Romano Dubois
  Bernard Moreau Laurent Lefebvre Silva Santos Oliveira Costa Pereira Kowalski Nowak Novak Ivanov Petrov Jensen
  Hansen Nielsen Larsen Andersson Johansson Virtanen Kumar Sharma Patel Singh Gupta Reddy Khan Ahmed Hassan Ali
  Yilmaz Kaya Cohen Levi Wang Zhang Liu Chen Yang Huang Tanaka Suzuki Sato Takahashi Kim Lee Park Choi Nguyen Tran
  Okafor Adeyemi Mensah Okonkwo Mwangi Kamau Dlamini Nkosi`.split(/\s+/);
export const STREETS =
  'Maple Oak Pine Cedar Elm Willow Birch Chestnut Lake Hill River Park Sunset Meadow Forest Spring'.split(
    ' ',
  );
export const SUFFIXES = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Way', 'Place'];
export const CITIES: ReadonlyArray<readonly [string, string, string]> = [
  ['Springfield', 'IL', '627'],
  ['Riverside', 'CA', '925'],
  ['Franklin', 'TN', '370'],
  ['Greenville', 'SC', '296'],
  ['Madison', 'WI', '537'],
  ['Salem', 'OR', '973'],
  ['Fairview', 'TX', '750'],
  ['Bristol', 'CT', '060'],
];

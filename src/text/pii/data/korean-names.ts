/**
 * Korean family names in Hangul: the most common ones (about 98% of Koreans bear one of them, by the
 * 2015 census of Statistics Korea), one syllable, and the common two-syllable ones. Written for this
 * project from general knowledge.
 */
export const KOREAN_FAMILY_NAMES = `
김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주
우 구 민 류 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육
인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 피 두 감 호 남궁 황보 제갈 선우 독고 사공 서문
`;

/**
 * Words of two syllables that follow a family name before 님/씨 as a title, not a given name ("김선생님"
 * is "Mr Kim, the teacher"): the syllables after the family name are not a name then.
 */
export const KOREAN_TITLE_WORDS = `
선생 교수 박사 사장 부장 과장 차장 대리 회장 이사 실장 팀장 기사 고객 선배 후배 의원 대표 원장 작가 감독 기자
`;

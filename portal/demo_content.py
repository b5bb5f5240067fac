"""Demo content for the portal's first day, in every language the portal offers.

Pure data, read by ``portal.demo``: the home page, the standard pages in menu
order (with their sub-pages) and the partner organisations. Body blocks are
``(kind, value)`` tuples; figures and documents name the images and PDFs that
the loader generates.
"""

LANGS = ("en", "ko", "es", "ru")

HOME = {
    "title": {
        "en": "Korean civil-service experience, shared with partners worldwide",
        "ko": "전 세계 협력 기관과 나누는 대한민국 공직 인사 경험",
        "es": "Compartimos con el mundo la experiencia de Corea en la función pública",
        "ru": "Опыт государственной службы Кореи — для партнёров по всему миру",
    },
    "intro": {
        "en": (
            "This portal is where the Ministry of Personnel Management of the Republic of "
            "Korea shares its experience of running the public service with partner agencies "
            "around the world. Browse case studies and system documentation, sign up for our "
            "webinars and follow our news in English, Korean, Spanish or Russian."
        ),
        "ko": (
            "이 포털은 대한민국 인사혁신처가 공무원 인사 운영 경험을 세계 각국의 협력 기관과 "
            "나누기 위해 마련한 공간입니다. 정책 사례와 시스템 자료를 살펴보고, 웨비나에 참가 "
            "신청을 하고, 인사혁신처 소식을 한국어, 영어, 스페인어, 러시아어로 만나 보십시오."
        ),
        "es": (
            "Este portal es el espacio en el que el Ministerio de Gestión de Personal de la "
            "República de Corea comparte con instituciones socias de todo el mundo su "
            "experiencia en la administración del servicio civil. Aquí encontrará estudios de "
            "caso y documentación de sistemas, podrá inscribirse en nuestros seminarios web y "
            "seguir nuestras noticias en español, inglés, coreano o ruso."
        ),
        "ru": (
            "На этом портале Министерство по управлению персоналом Республики Корея делится с "
            "партнёрскими ведомствами разных стран своим опытом управления государственной "
            "службой. Здесь вы найдёте практические кейсы и документацию по системам, сможете "
            "записаться на вебинары и следить за нашими новостями на русском, английском, "
            "корейском и испанском языках."
        ),
    },
    "live_heading": {
        "en": "Taking part in a webinar? Join the live Q&A",
        "ko": "웨비나 참가자이신가요? 실시간 질의응답에 참여하세요",
        "es": "¿Participa en un seminario web? Únase a las preguntas en directo",
        "ru": "Участвуете в вебинаре? Задавайте вопросы в прямом эфире",
    },
    "live_text": {
        "en": (
            "Enter the room code announced by the moderator to open the live Q&A. Ask "
            "questions, vote for the ones you most want answered and follow the discussion in "
            "your own language."
        ),
        "ko": (
            "진행자가 안내한 방 코드를 입력하면 실시간 질의응답에 참여할 수 있습니다. 질문을 "
            "올리고 답을 듣고 싶은 질문에 추천을 누르며, 토론 내용을 원하는 언어로 따라가 "
            "보세요."
        ),
        "es": (
            "Introduzca el código de sala que indique el moderador para entrar en la sesión de "
            "preguntas en directo. Podrá plantear preguntas, votar las que más le interesen y "
            "seguir el debate en su propio idioma."
        ),
        "ru": (
            "Введите код комнаты, который назовёт модератор, чтобы присоединиться к сессии "
            "вопросов и ответов. Задавайте вопросы, голосуйте за самые важные для вас и "
            "следите за обсуждением на своём языке."
        ),
    },
    "body": {
        "en": [
            ("heading", "What you will find here"),
            (
                "paragraph",
                "<ul><li><b>Case studies</b> on how Korea recruits, trains, evaluates and "
                "protects its public officials, including lessons from the COVID-19 "
                "response.</li><li><b>System documentation</b> on e-Saram, the electronic "
                "HR management system, and on our online learning tools, with briefs to "
                "download as PDF.</li><li><b>Webinars</b> with international organisations "
                "and partner governments, with registration, calendar files and live "
                "Q&amp;A.</li><li><b>News</b> from the ministry, including press releases "
                "on our international cooperation.</li></ul>",
            ),
            ("heading", "Who we work with"),
            (
                "paragraph",
                "<p>We exchange experience with international organisations such as the "
                "Inter-American Development Bank, the OECD, the World Bank, UNDP and the "
                "Astana Civil Service Hub, and with personnel agencies in Latin America "
                "and the Caribbean, Asia and Eastern Europe, among them those of the "
                "Dominican Republic, Uruguay, the Philippines, Mongolia, Kazakhstan and "
                "Ukraine.</p><p>Since the pandemic made visits in person difficult, most "
                "of these exchanges have taken place through webinars and video seminars. "
                "This portal brings them together in one place.</p>",
            ),
        ],
        "ko": [
            ("heading", "이곳에서 만날 수 있는 것"),
            (
                "paragraph",
                "<ul><li><b>정책 사례</b>: 한국이 공무원을 채용하고 교육하며 평가하고 "
                "보호하는 방식, 그리고 코로나19 대응에서 얻은 교훈</li><li><b>시스템 "
                "자료</b>: 전자인사관리시스템 e-사람과 온라인 교육 도구에 대한 설명과 PDF "
                "요약 자료</li><li><b>웨비나</b>: 국제기구 및 협력국 정부와 함께하는 "
                "웨비나의 참가 신청, 일정 파일, 실시간 질의응답</li><li><b>소식</b>: "
                "국제협력 관련 보도자료를 비롯한 인사혁신처 소식</li></ul>",
            ),
            ("heading", "함께하는 협력 기관"),
            (
                "paragraph",
                "<p>인사혁신처는 미주개발은행(IDB), 경제협력개발기구(OECD), 세계은행, "
                "유엔개발계획(UNDP), 아스타나 공무원 허브 등 국제기구와 경험을 나누고 "
                "있습니다. 또한 도미니카공화국, 우루과이, 필리핀, 몽골, 카자흐스탄, "
                "우크라이나 등 중남미·카리브, 아시아, 동유럽 여러 나라의 인사 기관과 "
                "협력하고 있습니다.</p><p>코로나19로 직접 방문이 어려워진 뒤로는 대부분의 "
                "교류가 웨비나와 화상 세미나로 이루어지고 있으며, 이 포털은 그 내용을 "
                "한곳에 모아 제공합니다.</p>",
            ),
        ],
        "es": [
            ("heading", "Qué encontrará aquí"),
            (
                "paragraph",
                "<ul><li><b>Estudios de caso</b> sobre cómo Corea selecciona, forma, "
                "evalúa y protege a sus funcionarios públicos, incluidas las lecciones de "
                "la respuesta a la COVID-19.</li><li><b>Documentación de sistemas</b> "
                "sobre e-Saram, el sistema electrónico de gestión de recursos humanos, y "
                "sobre nuestras herramientas de formación en línea, con resúmenes "
                "descargables en PDF.</li><li><b>Seminarios web</b> con organismos "
                "internacionales y gobiernos socios, con inscripción, archivos de "
                "calendario y preguntas en directo.</li><li><b>Noticias</b> del "
                "Ministerio, incluidos los comunicados de prensa sobre nuestra cooperación "
                "internacional.</li></ul>",
            ),
            ("heading", "Con quién trabajamos"),
            (
                "paragraph",
                "<p>Compartimos experiencias con organismos internacionales como el Banco "
                "Interamericano de Desarrollo, la OCDE, el Banco Mundial, el PNUD y el Hub "
                "de Servicio Civil de Astana, y con instituciones de gestión de personal "
                "de América Latina y el Caribe, Asia y Europa del Este, entre ellas las de "
                "la República Dominicana, Uruguay, Filipinas, Mongolia, Kazajistán y "
                "Ucrania.</p><p>Desde que la pandemia dificultó las visitas presenciales, "
                "la mayoría de estos intercambios se realiza mediante seminarios web y "
                "videoconferencias. Este portal los reúne en un solo lugar.</p>",
            ),
        ],
        "ru": [
            ("heading", "Что вы здесь найдёте"),
            (
                "paragraph",
                "<ul><li><b>Кейсы</b> о том, как Корея отбирает, обучает, оценивает и "
                "защищает государственных служащих, включая уроки борьбы с "
                "COVID-19.</li><li><b>Документацию по системам</b>: об электронной "
                "кадровой системе e-Saram и наших инструментах онлайн-обучения, с краткими "
                "справками в формате PDF.</li><li><b>Вебинары</b> с международными "
                "организациями и правительствами стран-партнёров: регистрация, файлы для "
                "календаря и вопросы в прямом эфире.</li><li><b>Новости</b> министерства, "
                "в том числе пресс-релизы о международном сотрудничестве.</li></ul>",
            ),
            ("heading", "С кем мы работаем"),
            (
                "paragraph",
                "<p>Мы обмениваемся опытом с международными организациями — "
                "Межамериканским банком развития, ОЭСР, Всемирным банком, ПРООН и "
                "Астанинским хабом гражданской службы, а также с кадровыми ведомствами "
                "стран Латинской Америки и Карибского бассейна, Азии и Восточной Европы, в "
                "том числе Доминиканской Республики, Уругвая, Филиппин, Монголии, "
                "Казахстана и Украины.</p><p>С тех пор как пандемия затруднила очные "
                "визиты, большая часть этих обменов проходит в формате вебинаров и "
                "видеосеминаров. Этот портал собирает их в одном месте.</p>",
            ),
        ],
    },
}

ABOUT = {
    "key": "about",
    "slug": {
        "en": "about-the-ministry",
        "ko": "부처-소개",
        "es": "acerca-del-ministerio",
        "ru": "о-министерстве",
    },
    "title": {
        "en": "About the Ministry",
        "ko": "인사혁신처 소개",
        "es": "Acerca del Ministerio",
        "ru": "О министерстве",
    },
    "intro": {
        "en": (
            "The Ministry of Personnel Management was created in November 2014 to make the "
            "Korean public service more open and more professional. It shapes how the central "
            "government recruits, develops and manages its officials."
        ),
        "ko": (
            "인사혁신처는 공직 사회의 개방성과 전문성을 높이기 위해 2014년 11월 출범했습니다. "
            "정부가 공무원을 채용하고 육성하며 관리하는 인사 제도 전반을 맡고 있습니다."
        ),
        "es": (
            "El Ministerio de Gestión de Personal nació en noviembre de 2014 para hacer la "
            "función pública coreana más abierta y profesional. Define cómo el Gobierno "
            "central selecciona, forma y gestiona a sus funcionarios."
        ),
        "ru": (
            "Министерство по управлению персоналом было создано в ноябре 2014 года, чтобы "
            "сделать государственную службу Кореи более открытой и профессиональной. Оно "
            "определяет, как центральное правительство отбирает и обучает своих служащих и "
            "управляет их карьерой."
        ),
    },
    "body": {
        "en": [
            ("heading", "How the ministry began"),
            (
                "paragraph",
                "<p>On 16 April 2014 the ferry <i>Sewol</i> sank off the south-western "
                "coast of Korea and more than 300 people lost their lives. The disaster, "
                "and the way the authorities handled it, prompted a national debate about "
                "the quality of the public service and strengthened calls for an "
                "administration that is more open to outside talent and more professional "
                "in its work.</p><p>The Ministry of Personnel Management was launched "
                "seven months later, on 19 November 2014, with a mandate to answer those "
                "calls.</p>",
            ),
            ("heading", "What we stand for"),
            (
                "paragraph",
                "<p>Two words sum up our mission: <b>openness</b> and "
                "<b>professionalism</b>. In practice this means:</p><ul><li>bringing "
                "experienced people from outside government into management "
                "posts;</li><li>letting officials build deep expertise in one field "
                "instead of moving on every few years;</li><li>promoting civil-service "
                "ethics so that citizens can trust their administration;</li><li>helping "
                "officials keep learning as society, technology and the population "
                "change.</li></ul>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Trust in government is earned by officials who are both capable and "
                        "honest. From recruitment to ethics, that is what all of our work is "
                        "for."
                    ),
                    "attribution": "Hwang Seo-chong, Minister of Personnel Management",
                },
            ),
            ("heading", "Openness and expertise in numbers"),
            (
                "paragraph",
                "<p>In 2014 the ministry set up an independent committee to recruit "
                "management-level officials from the private sector, and improved the "
                "conditions offered to them. Over the following six years, the number of "
                "managers who joined the public service from the private sector grew from "
                "64 to 207.</p><p>Since 2017, the specialized public official system has "
                "allowed some officials to stay in a single field for good rather than "
                "rotating to a new post every two or three years. There are now 225 "
                "specialized officials working in 11 fields, such as food safety and "
                "weather forecasting, across 10 government offices.</p>",
            ),
            ("heading", "Download the overview"),
            (
                "document",
                {
                    "document": "mpm-overview",
                    "title": "The Ministry of Personnel Management: an overview (PDF)",
                },
            ),
        ],
        "ko": [
            ("heading", "인사혁신처의 출범"),
            (
                "paragraph",
                "<p>2014년 4월 16일, 여객선 <i>세월호</i>가 서남해안에서 침몰해 300명이 "
                "넘는 사람이 목숨을 잃었습니다. 이 참사와 당국의 대응을 계기로 공직 사회의 "
                "역량을 되돌아보는 목소리가 커졌고, 외부 인재에게 문을 열고 더 전문적으로 "
                "일하는 행정이 필요하다는 요구가 높아졌습니다.</p><p>인사혁신처는 이러한 "
                "요구에 답하기 위해 일곱 달 뒤인 2014년 11월 19일 문을 열었습니다.</p>",
            ),
            ("heading", "우리가 지향하는 가치"),
            (
                "paragraph",
                "<p>인사혁신처의 사명은 <b>개방성</b>과 <b>전문성</b>이라는 두 단어로 "
                "요약됩니다. 구체적으로는 다음과 같습니다.</p><ul><li>경험이 풍부한 민간 "
                "인재를 관리직 공무원으로 영입합니다.</li><li>공무원이 몇 년마다 자리를 "
                "옮기는 대신 한 분야에서 깊은 전문성을 쌓도록 돕습니다.</li><li>국민이 "
                "믿을 수 있는 행정을 위해 공직윤리를 확립합니다.</li><li>사회와 기술, 인구 "
                "구조의 변화에 맞춰 공무원이 끊임없이 배우도록 지원합니다.</li></ul>",
            ),
            (
                "quote",
                {
                    "text": (
                        "정부에 대한 신뢰는 유능하고 청렴한 공무원이 만들어 갑니다. 채용에서 "
                        "공직윤리까지, 우리가 하는 모든 일은 그 신뢰를 위한 것입니다."
                    ),
                    "attribution": "황서종 인사혁신처장",
                },
            ),
            ("heading", "숫자로 보는 개방성과 전문성"),
            (
                "paragraph",
                "<p>인사혁신처는 2014년 민간 출신 관리직 공무원 선발을 전담하는 독립 "
                "위원회를 설치하고 이들에 대한 처우를 개선했습니다. 그 결과 6년 동안 "
                "민간에서 공직에 들어온 관리직 공무원은 64명에서 207명으로 "
                "늘었습니다.</p><p>2017년부터 운영 중인 전문직공무원 제도는 2~3년마다 "
                "보직을 옮기는 일반적인 순환 근무 대신 한 분야에서 계속 일할 수 있도록 "
                "합니다. 현재 10개 기관에서 식품안전, 기상예보 등 11개 분야에 전문직공무원 "
                "225명이 근무하고 있습니다.</p>",
            ),
            ("heading", "개요 자료 내려받기"),
            ("document", {"document": "mpm-overview", "title": "인사혁신처 개요 (PDF)"}),
        ],
        "es": [
            ("heading", "Cómo nació el Ministerio"),
            (
                "paragraph",
                "<p>El 16 de abril de 2014, el transbordador <i>Sewol</i> naufragó frente "
                "a la costa suroeste de Corea y murieron más de 300 personas. La tragedia, "
                "y la forma en que la gestionaron las autoridades, abrió un debate "
                "nacional sobre la calidad de la función pública y reforzó la demanda de "
                "una administración más abierta al talento externo y más "
                "profesional.</p><p>Siete meses después, el 19 de noviembre de 2014, se "
                "creó el Ministerio de Gestión de Personal con el encargo de dar respuesta "
                "a esa demanda.</p>",
            ),
            ("heading", "Nuestros principios"),
            (
                "paragraph",
                "<p>Nuestra misión se resume en dos palabras: <b>apertura</b> y "
                "<b>profesionalismo</b>. En la práctica, esto "
                "significa:</p><ul><li>incorporar a puestos directivos a personas con "
                "experiencia fuera de la administración;</li><li>permitir que los "
                "funcionarios se especialicen a fondo en un área, en lugar de cambiar de "
                "destino cada pocos años;</li><li>promover la ética pública para que la "
                "ciudadanía pueda confiar en su administración;</li><li>ayudar a los "
                "funcionarios a seguir aprendiendo ante los cambios sociales, tecnológicos "
                "y demográficos.</li></ul>",
            ),
            (
                "quote",
                {
                    "text": (
                        "La confianza en el Gobierno se gana con funcionarios capaces y "
                        "honestos. Desde la selección hasta la ética, todo nuestro trabajo "
                        "persigue ese objetivo."
                    ),
                    "attribution": "Hwang Seo-chong, ministro de Gestión de Personal",
                },
            ),
            ("heading", "Apertura y especialización en cifras"),
            (
                "paragraph",
                "<p>En 2014 el Ministerio creó un comité independiente para seleccionar a "
                "directivos procedentes del sector privado y mejoró las condiciones que se "
                "les ofrecen. En los seis años siguientes, el número de directivos "
                "llegados del sector privado pasó de 64 a 207.</p><p>Desde 2017, el "
                "sistema de funcionarios especializados permite que algunos servidores "
                "públicos permanezcan de forma estable en un mismo ámbito, en lugar de "
                "rotar cada dos o tres años. Actualmente, 225 funcionarios especializados "
                "trabajan en 11 áreas, como la seguridad alimentaria o la predicción "
                "meteorológica, en 10 organismos públicos.</p>",
            ),
            ("heading", "Descargue la presentación"),
            (
                "document",
                {
                    "document": "mpm-overview",
                    "title": "Ministerio de Gestión de Personal: presentación general (PDF)",
                },
            ),
        ],
        "ru": [
            ("heading", "Как появилось министерство"),
            (
                "paragraph",
                "<p>16 апреля 2014 года у юго-западного побережья Кореи затонул паром "
                "«Севоль», погибли более 300 человек. Катастрофа и действия властей во "
                "время неё вызвали в стране широкую дискуссию о качестве государственной "
                "службы и усилили требования сделать управление более открытым для внешних "
                "специалистов и более профессиональным.</p><p>Спустя семь месяцев, 19 "
                "ноября 2014 года, в ответ на эти требования было создано Министерство по "
                "управлению персоналом.</p>",
            ),
            ("heading", "Наши принципы"),
            (
                "paragraph",
                "<p>Нашу миссию можно выразить двумя словами: <b>открытость</b> и "
                "<b>профессионализм</b>. На практике это означает:</p><ul><li>привлекать "
                "на руководящие должности опытных специалистов не из государственного "
                "сектора;</li><li>давать служащим возможность глубоко специализироваться в "
                "одной области, а не менять место работы каждые несколько "
                "лет;</li><li>укреплять этику государственной службы, чтобы граждане могли "
                "доверять органам власти;</li><li>помогать служащим постоянно учиться в "
                "условиях социальных, технологических и демографических перемен.</li></ul>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Доверие к государству создают компетентные и честные служащие. Всё, "
                        "чем мы занимаемся, — от отбора кадров до служебной этики — подчинено "
                        "этой цели."
                    ),
                    "attribution": "Хван Сочжон, министр по управлению персоналом",
                },
            ),
            ("heading", "Открытость и профессионализм в цифрах"),
            (
                "paragraph",
                "<p>В 2014 году министерство учредило независимый комитет по отбору "
                "руководителей из частного сектора и улучшило условия, которые им "
                "предлагаются. За шесть лет число руководителей, пришедших на "
                "государственную службу из частного сектора, выросло с 64 до 207.</p><p>С "
                "2017 года действует система специализированных госслужащих: часть "
                "сотрудников может постоянно работать в одной сфере, а не переходить на "
                "новую должность каждые два-три года. Сейчас 225 таких специалистов "
                "работают в 11 областях, включая безопасность пищевых продуктов и прогноз "
                "погоды, в 10 государственных органах.</p>",
            ),
            ("heading", "Скачать обзор"),
            (
                "document",
                {
                    "document": "mpm-overview",
                    "title": "Министерство по управлению персоналом: общий обзор (PDF)",
                },
            ),
        ],
    },
    "children": [],
}

COOPERATION = {
    "key": "cooperation",
    "slug": {
        "en": "international-cooperation",
        "ko": "국제-협력",
        "es": "cooperacion-internacional",
        "ru": "международное-сотрудничество",
    },
    "title": {
        "en": "International Cooperation",
        "ko": "국제협력",
        "es": "Cooperación internacional",
        "ru": "Международное сотрудничество",
    },
    "intro": {
        "en": (
            "The ministry shares its personnel management experience with international "
            "organisations and partner governments, and learns from theirs. Since 2020, most "
            "of these exchanges have taken place online."
        ),
        "ko": (
            "인사혁신처는 국제기구 및 협력국 정부와 인사 행정 경험을 나누고 서로에게서 배우고 "
            "있습니다. 2020년부터는 대부분의 교류를 온라인으로 이어 가고 있습니다."
        ),
        "es": (
            "El Ministerio comparte su experiencia en gestión de personal con organismos "
            "internacionales y gobiernos socios, y aprende de la de ellos. Desde 2020, la "
            "mayoría de estos intercambios se realizan en línea."
        ),
        "ru": (
            "Министерство делится опытом управления персоналом с международными организациями "
            "и правительствами стран-партнёров и перенимает их опыт. С 2020 года большая часть "
            "этих обменов проходит онлайн."
        ),
    },
    "body": {
        "en": [
            ("heading", "Cooperation in the time of COVID-19"),
            (
                "paragraph",
                "<p>When the pandemic made in-person visits difficult, the ministry moved "
                "its international exchanges online. At the same time, interest in how "
                "Korea adapted its personnel administration to the crisis grew: requests "
                "for information now come from Latin America and the Caribbean as well as "
                "from partners across Asia and in Eastern Europe.</p>",
            ),
            ("heading", "Webinar with the Inter-American Development Bank"),
            (
                "paragraph",
                "<p>On 29 October 2020 the ministry and the Inter-American Development "
                "Bank (IDB) held an International Webinar on Korea's Digital HRM for the "
                "countries of Latin America and the Caribbean. The bank asked for the "
                "event after countries in the region, including the Dominican Republic and "
                "Uruguay, expressed interest in Korea's experience.</p><p>The programme "
                "covered:</p><ul><li>e-Saram, the electronic HR management system: its "
                "main functions, the factors behind its success, lessons for other "
                "countries, what it cost to build, and how it was used in the COVID-19 "
                "response;</li><li>the government e-learning platform and other online "
                "training tools, and the online HR development platform then under "
                "development;</li><li>questions and opinions from participating IDB member "
                "states on public administration after COVID-19.</li></ul><p>Founded in "
                "1959, the IDB supports development in the region through loans and "
                "technical cooperation. Korea has been a non-borrowing member since "
                "2005.</p>",
            ),
            (
                "figure",
                {
                    "image": "webinar-idb",
                    "caption": "The MPM–IDB webinar on digital HRM, 29 October 2020",
                },
            ),
            ("heading", "Seminar with the Astana Civil Service Hub"),
            (
                "paragraph",
                "<p>In June 2020 the ministry and the Astana Civil Service Hub organised "
                "an online seminar for around ten countries, among them Ukraine and "
                "Mongolia, together with international organisations including UNDP. Korea "
                "explained how it kept the public service running during the pandemic, in "
                "particular by extending working from home and moving the education of "
                "officials to contactless formats.</p>",
            ),
            ("heading", "A growing network"),
            (
                "paragraph",
                "<p>Beyond these two events, the ministry has held about 20 online "
                "meetings and seminars with international organisations, including the "
                "OECD and the World Bank, and with the personnel agencies of partner "
                "countries such as the Philippines, Mongolia and Kazakhstan. Topics have "
                "included:</p><ul><li>the digital transformation of public personnel "
                "management;</li><li>recruitment and working conditions in the civil "
                "service during COVID-19;</li><li>ethics and performance "
                "management.</li></ul><p>The ministry is also exploring joint research "
                "with the OECD, the IDB and other organisations, and is working towards "
                "memorandums of understanding and official development assistance (ODA) "
                "projects in public personnel management.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Distance need not stop cooperation. Webinars keep us working with our "
                        "partners today, while we prepare agreements and development projects "
                        "for the years ahead."
                    ),
                    "attribution": "Kim Woo Ho, Vice Minister of Personnel Management",
                },
            ),
        ],
        "ko": [
            ("heading", "코로나19 시대의 국제협력"),
            (
                "paragraph",
                "<p>코로나19로 직접 방문이 어려워지자 인사혁신처는 국제 교류를 온라인으로 "
                "전환했습니다. 한편 위기 속에서 한국이 인사 행정을 어떻게 바꾸어 왔는지에 "
                "대한 관심도 커져, 중남미·카리브 지역은 물론 아시아와 동유럽의 "
                "협력국에서도 문의가 이어지고 있습니다.</p>",
            ),
            ("heading", "미주개발은행(IDB)과 함께한 웨비나"),
            (
                "paragraph",
                "<p>인사혁신처와 미주개발은행(IDB)은 2020년 10월 29일 중남미·카리브 국가를 "
                "대상으로 ‘한국의 디지털 인사관리 국제 웨비나’를 열었습니다. "
                "도미니카공화국, 우루과이 등 역내 국가들이 한국의 경험에 관심을 보이자 "
                "IDB가 개최를 요청했습니다.</p><p>주요 내용은 다음과 "
                "같습니다.</p><ul><li>전자인사관리시스템 e-사람: 주요 기능, 성공 요인, "
                "시사점, 구축 비용, 코로나19 대응 활용 사례</li><li>정부 이러닝 플랫폼 등 "
                "온라인 교육 도구와 당시 개발 중이던 온라인 인재개발 플랫폼</li><li>참가한 "
                "IDB 회원국이 코로나19 이후의 공공 행정에 대해 질문하고 의견을 나누는 "
                "시간</li></ul><p>1959년 설립된 IDB는 차관과 기술 협력으로 중남미·카리브 "
                "지역의 발전을 지원하며, 한국은 2005년부터 비차입 회원국으로 참여하고 "
                "있습니다.</p>",
            ),
            (
                "figure",
                {
                    "image": "webinar-idb",
                    "caption": "인사혁신처–IDB 디지털 인사관리 웨비나 (2020년 10월 29일)",
                },
            ),
            ("heading", "아스타나 공무원 허브와 함께한 세미나"),
            (
                "paragraph",
                "<p>2020년 6월 인사혁신처는 아스타나 공무원 허브와 함께 온라인 세미나를 "
                "열어 우크라이나, 몽골 등 약 10개국과 유엔개발계획(UNDP) 등 국제기구에 "
                "코로나19 대응 경험을 소개했습니다. 재택근무를 확대하고 공무원 교육을 "
                "비대면으로 전환하는 등 팬데믹 속에서도 공직 사회가 멈추지 않도록 한 "
                "방법이 주로 다뤄졌습니다.</p>",
            ),
            ("heading", "넓어지는 협력 네트워크"),
            (
                "paragraph",
                "<p>이 밖에도 인사혁신처는 경제협력개발기구(OECD), 세계은행 등 국제기구 및 "
                "필리핀, 몽골, 카자흐스탄 등 협력국 인사 기관과 20여 차례 온라인 회의와 "
                "세미나를 가졌습니다. 주요 주제는 다음과 같습니다.</p><ul><li>공공 인사 "
                "관리의 디지털 전환</li><li>코로나19 상황에서의 채용과 "
                "복무</li><li>공직윤리와 성과 관리</li></ul><p>아울러 OECD, IDB 등 "
                "국제기구와의 공동 연구를 모색하고, 공공 인사 분야의 양해각서(MOU) 체결과 "
                "공적개발원조(ODA) 사업도 추진하고 있습니다.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "거리가 협력을 가로막을 수는 없습니다. 지금은 웨비나로 협력국과 함께 "
                        "일하면서, 앞으로를 위한 협약과 개발 협력 사업을 준비하고 있습니다."
                    ),
                    "attribution": "김우호 인사혁신처 차장",
                },
            ),
        ],
        "es": [
            ("heading", "La cooperación en tiempos de COVID-19"),
            (
                "paragraph",
                "<p>Cuando la pandemia dificultó las visitas presenciales, el Ministerio "
                "trasladó sus intercambios internacionales al entorno en línea. Al mismo "
                "tiempo, creció el interés por saber cómo Corea adaptó su administración "
                "de personal a la crisis: hoy recibimos consultas de América Latina y el "
                "Caribe, así como de socios de Asia y Europa del Este.</p>",
            ),
            ("heading", "Seminario web con el Banco Interamericano de Desarrollo"),
            (
                "paragraph",
                "<p>El 29 de octubre de 2020, el Ministerio y el Banco Interamericano de "
                "Desarrollo (BID) celebraron el Seminario Web Internacional sobre la "
                "Gestión Digital de Recursos Humanos en Corea, dirigido a los países de "
                "América Latina y el Caribe. El Banco propuso el encuentro después de que "
                "varios países de la región, entre ellos la República Dominicana y "
                "Uruguay, manifestaran su interés por la experiencia coreana.</p><p>El "
                "programa incluyó:</p><ul><li>e-Saram, el sistema electrónico de gestión "
                "de recursos humanos: sus funciones principales, las claves de su éxito, "
                "las lecciones para otros países, su costo de implantación y su uso en la "
                "respuesta a la COVID-19;</li><li>la plataforma gubernamental de "
                "aprendizaje electrónico y otras herramientas de formación en línea, así "
                "como la plataforma de desarrollo de recursos humanos en línea que "
                "entonces estaba en preparación;</li><li>un espacio para que los Estados "
                "miembros del BID participantes plantearan preguntas y opiniones sobre la "
                "administración pública después de la COVID-19.</li></ul><p>Fundado en "
                "1959, el BID apoya el desarrollo de la región mediante préstamos y "
                "cooperación técnica. Corea es miembro no prestatario desde 2005.</p>",
            ),
            (
                "figure",
                {
                    "image": "webinar-idb",
                    "caption": (
                        "Seminario web del MPM y el BID sobre gestión digital de recursos "
                        "humanos, 29 de octubre de 2020"
                    ),
                },
            ),
            ("heading", "Seminario con el Hub de Servicio Civil de Astana"),
            (
                "paragraph",
                "<p>En junio de 2020, el Ministerio y el Hub de Servicio Civil de Astana "
                "organizaron un seminario en línea con unos diez países, entre ellos "
                "Ucrania y Mongolia, y con organismos internacionales como el PNUD. Corea "
                "explicó cómo mantuvo en marcha la función pública durante la pandemia, en "
                "particular mediante la ampliación del teletrabajo y la formación no "
                "presencial de los funcionarios.</p>",
            ),
            ("heading", "Una red cada vez más amplia"),
            (
                "paragraph",
                "<p>Además de estos dos encuentros, el Ministerio ha mantenido unas 20 "
                "reuniones y seminarios en línea con organismos internacionales como la "
                "OCDE y el Banco Mundial, y con las instituciones de gestión de personal "
                "de países socios como Filipinas, Mongolia y Kazajistán. Entre los temas "
                "tratados figuran:</p><ul><li>la transformación digital de la gestión del "
                "personal público;</li><li>la selección de personal y las condiciones de "
                "servicio durante la COVID-19;</li><li>la ética y la gestión del "
                "desempeño.</li></ul><p>El Ministerio también explora investigaciones "
                "conjuntas con la OCDE, el BID y otros organismos, y trabaja para firmar "
                "memorandos de entendimiento y poner en marcha proyectos de asistencia "
                "oficial para el desarrollo (AOD) en materia de gestión del personal "
                "público.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "La distancia no tiene por qué frenar la cooperación. Los seminarios "
                        "web nos permiten seguir trabajando hoy con nuestros socios, mientras "
                        "preparamos acuerdos y proyectos de desarrollo para los próximos años."
                    ),
                    "attribution": "Kim Woo Ho, viceministro de Gestión de Personal",
                },
            ),
        ],
        "ru": [
            ("heading", "Сотрудничество в условиях COVID-19"),
            (
                "paragraph",
                "<p>Когда пандемия затруднила очные визиты, министерство перевело "
                "международные обмены в онлайн-формат. Одновременно вырос интерес к тому, "
                "как Корея перестроила кадровое управление во время кризиса: запросы "
                "поступают из стран Латинской Америки и Карибского бассейна, а также от "
                "партнёров в Азии и Восточной Европе.</p>",
            ),
            ("heading", "Вебинар с Межамериканским банком развития"),
            (
                "paragraph",
                "<p>29 октября 2020 года министерство и Межамериканский банк развития "
                "(МБР) провели Международный вебинар о цифровом управлении персоналом в "
                "Корее для стран Латинской Америки и Карибского бассейна. Банк предложил "
                "провести мероприятие после того, как страны региона, в том числе "
                "Доминиканская Республика и Уругвай, проявили интерес к корейскому "
                "опыту.</p><p>В программе были:</p><ul><li>e-Saram, электронная система "
                "управления кадрами: её основные функции, факторы успеха, уроки для других "
                "стран, стоимость создания и применение в ответ на "
                "COVID-19;</li><li>государственная платформа электронного обучения и "
                "другие онлайн-инструменты подготовки кадров, а также онлайн-платформа "
                "развития персонала, которая тогда находилась в "
                "разработке;</li><li>вопросы и мнения участвовавших государств — членов "
                "МБР о государственном управлении после COVID-19.</li></ul><p>МБР, "
                "основанный в 1959 году, поддерживает развитие региона с помощью кредитов "
                "и технического сотрудничества. Корея входит в число его членов, не "
                "являющихся заёмщиками, с 2005 года.</p>",
            ),
            (
                "figure",
                {
                    "image": "webinar-idb",
                    "caption": (
                        "Вебинар министерства и МБР о цифровом управлении персоналом, 29 "
                        "октября 2020 года"
                    ),
                },
            ),
            ("heading", "Семинар с Астанинским хабом гражданской службы"),
            (
                "paragraph",
                "<p>В июне 2020 года министерство совместно с Астанинским хабом "
                "гражданской службы провело онлайн-семинар для примерно десяти стран, в "
                "том числе Украины и Монголии, с участием международных организаций, "
                "включая ПРООН. Корея рассказала, как ей удалось сохранить работу "
                "государственной службы во время пандемии, прежде всего благодаря "
                "расширению удалённой работы и переводу обучения служащих в дистанционный "
                "формат.</p>",
            ),
            ("heading", "Расширяющаяся сеть партнёров"),
            (
                "paragraph",
                "<p>Помимо этих мероприятий, министерство провело около 20 онлайн-встреч и "
                "семинаров с международными организациями, в том числе с ОЭСР и Всемирным "
                "банком, а также с кадровыми ведомствами стран-партнёров, таких как "
                "Филиппины, Монголия и Казахстан. Среди тем:</p><ul><li>цифровая "
                "трансформация управления кадрами на государственной службе;</li><li>набор "
                "персонала и прохождение службы в период COVID-19;</li><li>служебная этика "
                "и управление результативностью.</li></ul><p>Министерство также "
                "прорабатывает совместные исследования с ОЭСР, МБР и другими организациями "
                "и готовит меморандумы о взаимопонимании и проекты официальной помощи в "
                "целях развития (ОПР) в сфере управления государственными кадрами.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Расстояние не должно мешать сотрудничеству. Вебинары позволяют нам "
                        "уже сейчас работать с партнёрами, а тем временем мы готовим "
                        "соглашения и проекты развития на будущее."
                    ),
                    "attribution": "Ким У Хо, заместитель министра по управлению персоналом",
                },
            ),
        ],
    },
    "children": [],
}

ESARAM = {
    "key": "esaram",
    "slug": {
        "en": "e-saram",
        "ko": "전자인사관리시스템",
        "es": "sistema-e-saram",
        "ru": "электронная-кадровая-система",
    },
    "title": {
        "en": "e-Saram: Electronic HR Management",
        "ko": "전자인사관리시스템 e-사람(e-Saram)",
        "es": "e-Saram: gestión electrónica de recursos humanos",
        "ru": "e-Saram: электронная система управления кадрами",
    },
    "intro": {
        "en": (
            "e-Saram is the electronic system Korea uses to manage the records, pay, "
            "evaluation and training of its public officials. In service since 2000, it "
            "continues to evolve."
        ),
        "ko": (
            "e-사람은 공무원의 인사 기록, 보수, 평가, 교육을 전자적으로 관리하는 한국 정부의 "
            "시스템입니다. 2000년부터 운영되어 왔으며 지금도 계속 발전하고 있습니다."
        ),
        "es": (
            "e-Saram es el sistema electrónico con el que Corea gestiona los expedientes, la "
            "remuneración, la evaluación y la formación de sus funcionarios públicos. Está en "
            "servicio desde 2000 y sigue evolucionando."
        ),
        "ru": (
            "e-Saram — электронная система, в которой Корея ведёт кадровый учёт "
            "государственных служащих, начисляет им зарплату, оценивает их работу и организует "
            "обучение. Она действует с 2000 года и продолжает развиваться."
        ),
    },
    "body": {
        "en": [
            ("heading", "What e-Saram covers"),
            (
                "paragraph",
                "<p>A single system supports the whole working life of a public "
                "official:</p><ul><li>HR records;</li><li>payroll;</li><li>performance "
                "evaluation;</li><li>education and training;</li><li>task "
                "management.</li></ul>",
            ),
            ("heading", "Two decades of development"),
            (
                "paragraph",
                "<p>The first version of e-Saram went live in 2000. In 2011–2012 it was "
                "replaced by a next-generation system running in the cloud, and "
                "development has continued ever since: robotic process automation (RPA) is "
                "now being introduced into payroll processing.</p>",
            ),
            (
                "figure",
                {
                    "image": "esaram-timeline",
                    "caption": (
                        "From the first e-Saram in 2000 to the cloud system of 2011–2012 and "
                        "automation in payroll"
                    ),
                },
            ),
            ("heading", "What partners can learn"),
            (
                "paragraph",
                "<p>The e-Saram case material that the ministry presented to Latin "
                "American and Caribbean countries at its webinar with the IDB "
                "covers:</p><ul><li>the main functions of the system;</li><li>the factors "
                "behind its success;</li><li>implications for countries planning a similar "
                "system;</li><li>the cost of building it;</li><li>how it was used in the "
                "response to COVID-19.</li></ul>",
            ),
            (
                "document",
                {
                    "document": "esaram-brief",
                    "title": "e-Saram: electronic HR management for public officials (PDF brief)",
                },
            ),
        ],
        "ko": [
            ("heading", "e-사람이 다루는 업무"),
            (
                "paragraph",
                "<p>하나의 시스템이 공무원의 직업 생활 전반을 지원합니다.</p><ul><li>인사 "
                "기록</li><li>보수</li><li>성과 평가</li><li>교육 훈련</li><li>업무 "
                "관리</li></ul>",
            ),
            ("heading", "20년에 걸친 발전"),
            (
                "paragraph",
                "<p>e-사람의 첫 버전은 2000년에 운영을 시작했습니다. 2011~2012년에는 "
                "클라우드 기반의 차세대 시스템으로 전환되었고, 그 뒤로도 발전을 거듭해 "
                "현재는 보수 업무에 로봇 프로세스 자동화(RPA)를 도입하고 있습니다.</p>",
            ),
            (
                "figure",
                {
                    "image": "esaram-timeline",
                    "caption": (
                        "2000년 첫 e-사람에서 2011~2012년 클라우드 시스템, 보수 업무 자동화까지"
                    ),
                },
            ),
            ("heading", "협력국이 참고할 수 있는 내용"),
            (
                "paragraph",
                "<p>인사혁신처가 IDB 웨비나에서 중남미·카리브 국가에 소개한 e-사람 사례 "
                "자료에는 다음 내용이 담겨 있습니다.</p><ul><li>시스템의 주요 "
                "기능</li><li>성공 요인</li><li>비슷한 시스템을 준비하는 나라를 위한 "
                "시사점</li><li>구축 비용</li><li>코로나19 대응에서의 활용</li></ul>",
            ),
            (
                "document",
                {"document": "esaram-brief", "title": "전자인사관리시스템 e-사람 요약 자료 (PDF)"},
            ),
        ],
        "es": [
            ("heading", "Qué abarca e-Saram"),
            (
                "paragraph",
                "<p>Un único sistema acompaña toda la vida laboral del funcionario "
                "público:</p><ul><li>expedientes de "
                "personal;</li><li>nómina;</li><li>evaluación del "
                "desempeño;</li><li>educación y formación;</li><li>gestión de "
                "tareas.</li></ul>",
            ),
            ("heading", "Dos décadas de desarrollo"),
            (
                "paragraph",
                "<p>La primera versión de e-Saram entró en funcionamiento en 2000. En "
                "2011–2012 fue sustituida por un sistema de nueva generación basado en la "
                "nube, y su evolución continúa: actualmente se está incorporando la "
                "automatización robótica de procesos (RPA) al cálculo de la nómina.</p>",
            ),
            (
                "figure",
                {
                    "image": "esaram-timeline",
                    "caption": (
                        "Del primer e-Saram en 2000 al sistema en la nube de 2011–2012 y la "
                        "automatización de la nómina"
                    ),
                },
            ),
            ("heading", "Qué pueden aprovechar los socios"),
            (
                "paragraph",
                "<p>El material sobre e-Saram que el Ministerio presentó a los países de "
                "América Latina y el Caribe en el seminario web con el BID "
                "aborda:</p><ul><li>las funciones principales del sistema;</li><li>los "
                "factores de su éxito;</li><li>las lecciones para los países que preparan "
                "un sistema similar;</li><li>el costo de su implantación;</li><li>su uso "
                "en la respuesta a la COVID-19.</li></ul>",
            ),
            (
                "document",
                {
                    "document": "esaram-brief",
                    "title": (
                        "e-Saram: gestión electrónica de recursos humanos para funcionarios "
                        "públicos (resumen en PDF)"
                    ),
                },
            ),
        ],
        "ru": [
            ("heading", "Что охватывает e-Saram"),
            (
                "paragraph",
                "<p>Одна система сопровождает служащего на протяжении всей его работы на "
                "государственной службе:</p><ul><li>кадровый учёт;</li><li>расчёт "
                "заработной платы;</li><li>оценка результатов работы;</li><li>образование "
                "и обучение;</li><li>управление служебными задачами.</li></ul>",
            ),
            ("heading", "Два десятилетия развития"),
            (
                "paragraph",
                "<p>Первая версия e-Saram заработала в 2000 году. В 2011–2012 годах её "
                "сменила облачная система нового поколения, и развитие продолжается: "
                "сейчас в расчёт заработной платы внедряется роботизированная "
                "автоматизация процессов (RPA).</p>",
            ),
            (
                "figure",
                {
                    "image": "esaram-timeline",
                    "caption": (
                        "От первой версии e-Saram (2000) к облачной системе 2011–2012 годов и "
                        "автоматизации расчёта зарплаты"
                    ),
                },
            ),
            ("heading", "Чем этот опыт полезен партнёрам"),
            (
                "paragraph",
                "<p>Материалы об e-Saram, которые министерство представило странам "
                "Латинской Америки и Карибского бассейна на вебинаре с МБР, "
                "охватывают:</p><ul><li>основные функции системы;</li><li>факторы её "
                "успеха;</li><li>выводы для стран, которые готовят подобную "
                "систему;</li><li>затраты на её создание;</li><li>применение системы в "
                "ответ на COVID-19.</li></ul>",
            ),
            (
                "document",
                {
                    "document": "esaram-brief",
                    "title": (
                        "e-Saram: электронное управление кадрами государственной службы "
                        "(краткая справка, PDF)"
                    ),
                },
            ),
        ],
    },
    "children": [],
}

PROACTIVE_SERVICE = {
    "key": "proactive-service",
    "slug": {
        "en": "proactive-public-service",
        "ko": "적극행정",
        "es": "servicio-publico-proactivo",
        "ru": "проактивная-госслужба",
    },
    "title": {
        "en": "Proactive Public Service",
        "ko": "적극행정 제도",
        "es": "Servicio público proactivo",
        "ru": "Проактивная государственная служба",
    },
    "intro": {
        "en": (
            "Since August 2019, Korean officials who act on their own initiative for the "
            "public good have been protected and rewarded, while passivity has consequences. "
            "The system helped the government move quickly against COVID-19."
        ),
        "ko": (
            "2019년 8월부터 한국은 국민을 위해 먼저 나서서 일하는 공무원을 보호하고 우대하며, "
            "소극적인 태도에는 책임을 묻고 있습니다. 이 제도는 정부가 코로나19에 신속하게 "
            "대응하는 데 힘이 되었습니다."
        ),
        "es": (
            "Desde agosto de 2019, los funcionarios coreanos que actúan por iniciativa propia "
            "en favor de la ciudadanía reciben protección y reconocimiento, mientras que la "
            "pasividad tiene consecuencias. Este sistema ayudó al Gobierno a reaccionar con "
            "rapidez ante la COVID-19."
        ),
        "ru": (
            "С августа 2019 года корейские служащие, которые по собственной инициативе "
            "действуют в интересах граждан, получают защиту и поощрение, а пассивность влечёт "
            "ответственность. Эта система помогла правительству быстро отреагировать на "
            "COVID-19."
        ),
    },
    "body": {
        "en": [
            ("heading", "Why the system was created"),
            (
                "paragraph",
                "<p>For a long time, many officials hesitated to take decisions or try "
                "something new: if things went wrong, they risked disciplinary action. The "
                "proactive public service system, officially launched in August 2019, set "
                "out to change that culture and make initiative the norm across government "
                "offices.</p>",
            ),
            ("heading", "How it works"),
            (
                "paragraph",
                "<p>The system rests on three elements:</p><ul><li><b>Protection and "
                "reward.</b> Officials who work proactively can receive preferential "
                "treatment, such as special promotion.</li><li><b>Accountability.</b> "
                "Officials who remain passive are held "
                "responsible.</li><li><b>Immunity.</b> An official who obtains the "
                "approval of the proactive public service committee is not held liable if "
                "the work does not produce the expected results.</li></ul>",
            ),
            (
                "figure",
                {
                    "image": "proactive-service",
                    "caption": (
                        "Proactive public service: protection, reward and immunity for "
                        "officials who take the initiative"
                    ),
                },
            ),
            ("heading", "Proactive service against COVID-19"),
            (
                "paragraph",
                "<p>When health officials proposed turning training institutes and "
                "dormitories owned by the government and by private companies into "
                "community treatment centres for patients with mild symptoms, they had "
                "neither a precedent nor regulations to rely on. The Ministry of Health "
                "and Welfare sought the approval of the committee and opened the centres "
                "quickly, preparing in time for a possible shortage of beds for critically "
                "ill patients.</p><p>The same approach made it possible to run "
                "drive-through testing centres and to approve COVID-19 test kits "
                "rapidly.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Officials who step forward to solve a problem deserve protection, not "
                        "punishment. The treatment centres for mild COVID-19 cases showed what "
                        "they can achieve when they have it."
                    ),
                    "attribution": "Hwang Seo-chong, Minister of Personnel Management",
                },
            ),
            ("heading", "Standing by front-line officials"),
            (
                "paragraph",
                "<p>The ministry also adapted working conditions during the pandemic. It "
                "widened working from home, moved training to contactless formats, and "
                "improved overtime pay or time off in lieu for health officials who have "
                "been on emergency duty since the outbreak began in January 2020.</p>",
            ),
        ],
        "ko": [
            ("heading", "제도 도입 배경"),
            (
                "paragraph",
                "<p>오랫동안 많은 공무원이 결정을 내리거나 새로운 일을 시도하기를 "
                "주저했습니다. 일이 잘못되면 징계를 받을 수 있다는 부담 때문이었습니다. "
                "2019년 8월 공식 도입된 적극행정 제도는 이러한 문화를 바꾸고 공직 사회 "
                "전반에 적극적으로 일하는 태도를 뿌리내리기 위해 마련되었습니다.</p>",
            ),
            ("heading", "운영 방식"),
            (
                "paragraph",
                "<p>적극행정 제도는 세 가지 축으로 이루어집니다.</p><ul><li><b>보호와 "
                "우대</b>: 적극적으로 일한 공무원에게 특별승진 등 우대 조치를 "
                "합니다.</li><li><b>책임</b>: 소극적으로 일한 공무원에게는 책임을 "
                "묻습니다.</li><li><b>면책</b>: 적극행정위원회의 승인을 받아 추진한 업무는 "
                "기대한 결과가 나오지 않더라도 책임을 면할 수 있습니다.</li></ul>",
            ),
            (
                "figure",
                {
                    "image": "proactive-service",
                    "caption": "적극행정: 먼저 나서는 공무원을 위한 보호, 우대, 면책",
                },
            ),
            ("heading", "코로나19 대응 속 적극행정"),
            (
                "paragraph",
                "<p>보건 당국이 정부와 민간 기업의 연수원과 기숙사를 경증 환자를 위한 "
                "생활치료센터로 활용하자는 아이디어를 냈을 때, 참고할 선례도 관련 규정도 "
                "없었습니다. 보건복지부는 적극행정위원회의 승인을 받아 신속하게 센터를 "
                "열었고, 중증 환자 병상 부족에 미리 대비할 수 "
                "있었습니다.</p><p>드라이브스루 선별진료소 운영과 코로나19 진단키트의 신속 "
                "승인도 같은 방식으로 가능했습니다.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "문제 해결에 먼저 나서는 공무원은 처벌이 아니라 보호를 받아야 합니다. "
                        "경증 환자를 위한 생활치료센터는 그런 보호가 있을 때 무엇이 가능한지 "
                        "보여 주었습니다."
                    ),
                    "attribution": "황서종 인사혁신처장",
                },
            ),
            ("heading", "현장 공무원 지원"),
            (
                "paragraph",
                "<p>인사혁신처는 팬데믹 기간 공무원의 근무 여건도 조정했습니다. 재택근무를 "
                "확대하고 교육을 비대면으로 전환했으며, 2020년 1월 코로나19 발생 이후 비상 "
                "근무를 이어 온 보건 분야 공무원의 초과근무수당과 대체휴무를 "
                "개선했습니다.</p>",
            ),
        ],
        "es": [
            ("heading", "Por qué se creó"),
            (
                "paragraph",
                "<p>Durante mucho tiempo, numerosos funcionarios dudaban a la hora de "
                "tomar decisiones o probar algo nuevo: si las cosas salían mal, se "
                "exponían a sanciones disciplinarias. El sistema de servicio público "
                "proactivo, puesto en marcha oficialmente en agosto de 2019, nació para "
                "cambiar esa cultura y hacer de la iniciativa la norma en las oficinas "
                "públicas.</p>",
            ),
            ("heading", "Cómo funciona"),
            (
                "paragraph",
                "<p>El sistema descansa sobre tres pilares:</p><ul><li><b>Protección y "
                "reconocimiento.</b> Quienes trabajan de forma proactiva pueden recibir un "
                "trato preferente, como ascensos especiales.</li><li><b>Rendición de "
                "cuentas.</b> Quienes se mantienen pasivos deben responder por "
                "ello.</li><li><b>Exención de responsabilidad.</b> Si un funcionario "
                "cuenta con la aprobación del comité de servicio público proactivo, no se "
                "le exigen responsabilidades aunque el resultado no sea el "
                "esperado.</li></ul>",
            ),
            (
                "figure",
                {
                    "image": "proactive-service",
                    "caption": (
                        "Servicio público proactivo: protección, reconocimiento y exención de "
                        "responsabilidad para quienes toman la iniciativa"
                    ),
                },
            ),
            ("heading", "La proactividad frente a la COVID-19"),
            (
                "paragraph",
                "<p>Cuando las autoridades sanitarias propusieron convertir institutos de "
                "formación y residencias del Gobierno y de empresas privadas en centros de "
                "tratamiento comunitario para pacientes con síntomas leves, no había "
                "precedentes ni normas en las que apoyarse. El Ministerio de Salud y "
                "Bienestar solicitó la aprobación del comité y abrió los centros con "
                "rapidez, anticipándose a una posible falta de camas para pacientes "
                "graves.</p><p>El mismo enfoque permitió habilitar centros de pruebas en "
                "modalidad autoservicio (<i>drive-through</i>) y aprobar con rapidez kits "
                "de diagnóstico de la COVID-19.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Los funcionarios que dan un paso al frente para resolver un problema "
                        "merecen protección, no castigo. Los centros de tratamiento para casos "
                        "leves de COVID-19 demostraron lo que pueden lograr cuando la tienen."
                    ),
                    "attribution": "Hwang Seo-chong, ministro de Gestión de Personal",
                },
            ),
            ("heading", "Apoyo a los funcionarios en primera línea"),
            (
                "paragraph",
                "<p>El Ministerio también adaptó las condiciones de trabajo durante la "
                "pandemia: amplió el teletrabajo, trasladó la formación a modalidades no "
                "presenciales y mejoró el pago de horas extraordinarias o el descanso "
                "compensatorio de los funcionarios de salud que cumplen servicio de "
                "emergencia desde el inicio del brote, en enero de 2020.</p>",
            ),
        ],
        "ru": [
            ("heading", "Зачем понадобилась эта система"),
            (
                "paragraph",
                "<p>Долгое время многие служащие не решались принимать решения или "
                "пробовать что-то новое: в случае неудачи им грозило дисциплинарное "
                "взыскание. Система проактивной государственной службы, официально "
                "введённая в августе 2019 года, призвана изменить эту культуру и сделать "
                "инициативу нормой для государственных органов.</p>",
            ),
            ("heading", "Как она работает"),
            (
                "paragraph",
                "<p>Система держится на трёх элементах:</p><ul><li><b>Защита и "
                "поощрение.</b> Служащие, работающие проактивно, могут получить "
                "преимущества, например внеочередное "
                "повышение.</li><li><b>Ответственность.</b> Служащие, проявляющие "
                "пассивность, несут за это ответственность.</li><li><b>Освобождение от "
                "ответственности.</b> Если служащий получил одобрение комитета по "
                "проактивной службе, он не несёт ответственности, даже когда результат "
                "оказался не таким, как ожидалось.</li></ul>",
            ),
            (
                "figure",
                {
                    "image": "proactive-service",
                    "caption": (
                        "Проактивная госслужба: защита, поощрение и освобождение от "
                        "ответственности для тех, кто проявляет инициативу"
                    ),
                },
            ),
            ("heading", "Проактивность в борьбе с COVID-19"),
            (
                "paragraph",
                "<p>Когда сотрудники органов здравоохранения предложили превратить учебные "
                "центры и общежития, принадлежащие государству и частным компаниям, в "
                "центры лечения пациентов с лёгкими симптомами, опереться было не на что: "
                "не было ни прецедентов, ни правил. Министерство здравоохранения и "
                "социального обеспечения получило одобрение комитета и быстро открыло "
                "такие центры, заранее подготовившись к возможной нехватке коек для "
                "тяжелобольных.</p><p>Тот же подход позволил организовать пункты "
                "тестирования в формате drive-through и ускорить одобрение тест-систем на "
                "COVID-19.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Служащие, которые первыми берутся за решение проблемы, заслуживают "
                        "защиты, а не наказания. Центры лечения для пациентов с лёгкой формой "
                        "COVID-19 показали, чего можно добиться, когда такая защита есть."
                    ),
                    "attribution": "Хван Сочжон, министр по управлению персоналом",
                },
            ),
            ("heading", "Поддержка служащих на передовой"),
            (
                "paragraph",
                "<p>Во время пандемии министерство также изменило условия работы служащих: "
                "расширило удалённую работу, перевело обучение в дистанционный формат и "
                "улучшило оплату сверхурочной работы или предоставление отгулов для "
                "работников здравоохранения, которые несут экстренное дежурство с начала "
                "вспышки в январе 2020 года.</p>",
            ),
        ],
    },
    "children": [],
}

SYSTEMS = {
    "key": "systems",
    "slug": {
        "en": "systems-we-share",
        "ko": "인사-제도",
        "es": "sistemas-que-compartimos",
        "ru": "кадровые-системы",
    },
    "title": {
        "en": "Systems We Share",
        "ko": "공유하는 인사 제도",
        "es": "Sistemas que compartimos",
        "ru": "Системы, которыми мы делимся",
    },
    "intro": {
        "en": (
            "An overview of the personnel systems and policies the ministry shares with "
            "partner agencies, from digital HR management to protection for officials who take "
            "the initiative."
        ),
        "ko": (
            "인사혁신처가 협력 기관과 나누는 인사 시스템과 제도를 소개합니다. 디지털 인사 "
            "관리부터 적극적으로 일하는 공무원을 보호하는 제도까지 한눈에 살펴보십시오."
        ),
        "es": (
            "Un panorama de los sistemas y políticas de personal que el Ministerio comparte "
            "con las instituciones socias, desde la gestión digital de recursos humanos hasta "
            "la protección de los funcionarios que toman la iniciativa."
        ),
        "ru": (
            "Обзор кадровых систем и механизмов, опытом которых министерство делится с "
            "партнёрскими ведомствами, — от цифрового управления персоналом до защиты "
            "служащих, проявляющих инициативу."
        ),
    },
    "body": {
        "en": [
            ("heading", "e-Saram: HR management, fully electronic"),
            (
                "paragraph",
                "<p>e-Saram brings the HR records, payroll, performance evaluation, "
                "education and training, and tasks of public officials together in one "
                "electronic system. In use since 2000 and rebuilt on the cloud in "
                "2011–2012, it was at the centre of the ministry's webinar with the IDB. "
                "See the e-Saram page below for details and a brief to download.</p>",
            ),
            ("heading", "Online learning for officials"),
            (
                "paragraph",
                "<p>When COVID-19 made classroom training hard to organise, the government "
                "e-learning platform and other online tools took on a much larger role. "
                "The ministry is now building an AI-powered HR development platform that "
                "will offer each official customised learning and real-time "
                "tele-education. It is due to be completed at the end of 2022 and will "
                "serve both central and local governments.</p>",
            ),
            ("heading", "Proactive public service"),
            (
                "paragraph",
                "<p>Introduced in August 2019, this system protects and rewards officials "
                "who take the initiative to solve problems, and holds passive behaviour to "
                "account. It played a visible part in Korea's COVID-19 response.</p>",
            ),
            ("heading", "Open recruitment"),
            (
                "paragraph",
                "<p>An independent committee, set up in 2014, recruits management-level "
                "officials from the private sector. Within six years, the number of "
                "managers who came from outside government rose from 64 to 207.</p>",
            ),
            ("heading", "Specialized public officials"),
            (
                "paragraph",
                "<p>Since 2017, some officials have been able to build a career in one "
                "field rather than rotating every two or three years. There are now 225 "
                "specialized officials in 11 fields, from food safety to weather "
                "forecasting, at 10 government offices.</p>",
            ),
        ],
        "ko": [
            ("heading", "e-사람: 전자로 관리하는 공무원 인사"),
            (
                "paragraph",
                "<p>e-사람(e-Saram)은 공무원의 인사 기록, 보수, 성과 평가, 교육 훈련, "
                "업무를 하나의 전자 시스템으로 관리합니다. 2000년 처음 도입되어 "
                "2011~2012년 클라우드 기반으로 새롭게 구축되었으며, IDB와 함께한 "
                "웨비나에서도 핵심 주제로 다뤄졌습니다. 자세한 내용과 요약 자료는 아래 "
                "e-사람 페이지에서 확인하실 수 있습니다.</p>",
            ),
            ("heading", "공무원을 위한 온라인 학습"),
            (
                "paragraph",
                "<p>코로나19로 집합 교육이 어려워지면서 정부 이러닝 플랫폼과 각종 온라인 "
                "교육 도구의 역할이 크게 늘었습니다. 인사혁신처는 공무원 개개인에게 맞춤형 "
                "학습과 실시간 원격 교육을 제공하는 인공지능(AI) 기반 인재개발 플랫폼을 "
                "개발하고 있으며, 2022년 말 완성되면 중앙정부와 지방자치단체가 함께 "
                "활용하게 됩니다.</p>",
            ),
            ("heading", "적극행정 제도"),
            (
                "paragraph",
                "<p>2019년 8월 도입된 이 제도는 문제 해결에 앞장서는 공무원을 보호하고 "
                "우대하는 한편, 소극적인 업무 태도에는 책임을 묻습니다. 한국의 코로나19 "
                "대응에서도 큰 역할을 했습니다.</p>",
            ),
            ("heading", "개방형 채용"),
            (
                "paragraph",
                "<p>2014년 설치된 독립 위원회가 민간 출신 관리직 공무원을 선발합니다. 6년 "
                "사이 민간에서 영입된 관리직 공무원은 64명에서 207명으로 늘었습니다.</p>",
            ),
            ("heading", "전문직공무원 제도"),
            (
                "paragraph",
                "<p>2017년부터 일부 공무원은 2~3년마다 보직을 옮기지 않고 한 분야에서 "
                "경력을 쌓을 수 있게 되었습니다. 현재 10개 기관에서 식품안전, 기상예보 등 "
                "11개 분야에 전문직공무원 225명이 일하고 있습니다.</p>",
            ),
        ],
        "es": [
            ("heading", "e-Saram: la gestión de personal, en formato electrónico"),
            (
                "paragraph",
                "<p>e-Saram reúne en un solo sistema electrónico los expedientes, la "
                "nómina, la evaluación del desempeño, la formación y las tareas de los "
                "funcionarios públicos. Funciona desde 2000, se reconstruyó en la nube en "
                "2011–2012 y fue uno de los ejes del seminario web organizado con el BID. "
                "Encontrará más detalles y un resumen descargable en la página de e-Saram, "
                "más abajo.</p>",
            ),
            ("heading", "Formación en línea para funcionarios"),
            (
                "paragraph",
                "<p>Cuando la COVID-19 dificultó la formación presencial, la plataforma "
                "gubernamental de aprendizaje electrónico y otras herramientas en línea "
                "cobraron mucho más peso. El Ministerio desarrolla ahora una plataforma de "
                "desarrollo de recursos humanos basada en inteligencia artificial, que "
                "ofrecerá a cada funcionario formación personalizada y teleeducación en "
                "tiempo real. Su finalización está prevista para finales de 2022 y la "
                "utilizarán tanto el Gobierno central como los gobiernos locales.</p>",
            ),
            ("heading", "Servicio público proactivo"),
            (
                "paragraph",
                "<p>Creado en agosto de 2019, este sistema protege y recompensa a los "
                "funcionarios que toman la iniciativa para resolver problemas y exige "
                "responsabilidades ante la pasividad. Tuvo un papel destacado en la "
                "respuesta de Corea a la COVID-19.</p>",
            ),
            ("heading", "Reclutamiento abierto"),
            (
                "paragraph",
                "<p>Un comité independiente, creado en 2014, selecciona a directivos "
                "procedentes del sector privado. En seis años, el número de directivos "
                "llegados desde fuera de la administración pasó de 64 a 207.</p>",
            ),
            ("heading", "Funcionarios especializados"),
            (
                "paragraph",
                "<p>Desde 2017, algunos funcionarios pueden desarrollar su carrera en un "
                "solo ámbito en lugar de rotar cada dos o tres años. Hoy hay 225 "
                "funcionarios especializados en 11 áreas, desde la seguridad alimentaria "
                "hasta la predicción meteorológica, en 10 organismos públicos.</p>",
            ),
        ],
        "ru": [
            ("heading", "e-Saram: кадровое управление в электронном виде"),
            (
                "paragraph",
                "<p>e-Saram объединяет в одной электронной системе кадровый учёт, расчёт "
                "заработной платы, оценку результатов работы, обучение и служебные задачи "
                "государственных служащих. Система работает с 2000 года, в 2011–2012 годах "
                "была перестроена на облачной основе и стала одной из главных тем "
                "вебинара, проведённого совместно с МБР. Подробности и краткая справка для "
                "скачивания — на странице e-Saram ниже.</p>",
            ),
            ("heading", "Онлайн-обучение для служащих"),
            (
                "paragraph",
                "<p>Когда из-за COVID-19 очное обучение стало трудно организовать, "
                "государственная платформа электронного обучения и другие "
                "онлайн-инструменты приобрели гораздо большее значение. Сейчас "
                "министерство создаёт платформу развития персонала на основе "
                "искусственного интеллекта, которая будет предлагать каждому служащему "
                "индивидуальное обучение и дистанционные занятия в реальном времени. Её "
                "планируется завершить в конце 2022 года, после чего ею смогут "
                "пользоваться как центральные, так и местные органы власти.</p>",
            ),
            ("heading", "Проактивная государственная служба"),
            (
                "paragraph",
                "<p>Эта система, введённая в августе 2019 года, защищает и поощряет "
                "служащих, которые по собственной инициативе решают проблемы, и "
                "предусматривает ответственность за пассивность. Она сыграла заметную роль "
                "в борьбе Кореи с COVID-19.</p>",
            ),
            ("heading", "Открытый набор"),
            (
                "paragraph",
                "<p>Независимый комитет, созданный в 2014 году, отбирает руководителей из "
                "частного сектора. За шесть лет число руководителей, пришедших извне "
                "госаппарата, выросло с 64 до 207.</p>",
            ),
            ("heading", "Специализированные госслужащие"),
            (
                "paragraph",
                "<p>С 2017 года часть служащих может строить карьеру в одной области, а не "
                "менять должность каждые два-три года. Сейчас 225 специализированных "
                "служащих работают в 11 областях — от безопасности пищевых продуктов до "
                "прогноза погоды — в 10 государственных органах.</p>",
            ),
        ],
    },
    "children": [ESARAM, PROACTIVE_SERVICE],
}

CONTACT = {
    "key": "contact",
    "slug": {
        "en": "contact",
        "ko": "문의",
        "es": "contacto",
        "ru": "контакты",
    },
    "title": {
        "en": "Contact",
        "ko": "문의",
        "es": "Contacto",
        "ru": "Контакты",
    },
    "intro": {
        "en": (
            "How partner agencies can reach the international cooperation team of the "
            "ministry, during a webinar or at any other time."
        ),
        "ko": (
            "협력 기관이 웨비나 중에, 또는 그 밖의 때에 인사혁신처 국제협력 담당 부서와 "
            "연락하는 방법을 안내합니다."
        ),
        "es": (
            "Cómo pueden las instituciones socias ponerse en contacto con el equipo de "
            "cooperación internacional del Ministerio, durante un seminario web o en cualquier "
            "otro momento."
        ),
        "ru": (
            "Как партнёрские ведомства могут связаться с командой министерства по "
            "международному сотрудничеству — во время вебинара или в любое другое время."
        ),
    },
    "body": {
        "en": [
            ("heading", "How we can help"),
            (
                "paragraph",
                "<p>The international cooperation team works with ministries, "
                "civil-service agencies and international organisations that want to learn "
                "more about Korea's personnel systems. Get in touch if you would like "
                "to:</p><ul><li>ask about a case study or a system described on this "
                "portal;</li><li>request further documentation;</li><li>suggest a topic "
                "for a future webinar or joint seminar;</li><li>discuss joint research or "
                "a cooperation project.</li></ul>",
            ),
            ("heading", "During a webinar"),
            (
                "paragraph",
                "<p>The quickest way to reach us during an event is the live Q&amp;A. "
                "Enter the room code announced by the moderator, ask your question in your "
                "own language and vote for the questions you most want answered. Ministry "
                "staff moderate the room and pass the questions on to the speakers.</p>",
            ),
            ("heading", "At any other time"),
            (
                "paragraph",
                "<p>Outside webinars, please contact the Ministry of Personnel Management "
                "through its official channels, or through the international organisation "
                "you already work with on a joint programme. It helps if you tell "
                "us:</p><ul><li>the name and country of your agency;</li><li>the system or "
                "topic you are interested in;</li><li>the language you prefer: English, "
                "Korean, Spanish or Russian.</li></ul>",
            ),
            ("heading", "Registering for webinars"),
            (
                "paragraph",
                "<p>Upcoming webinars are announced on this portal, each with its own "
                "registration form. Once registered, you can add the event to your "
                "calendar.</p>",
            ),
        ],
        "ko": [
            ("heading", "국제협력 담당 부서가 도와드리는 일"),
            (
                "paragraph",
                "<p>국제협력 담당 부서는 한국의 인사 제도에 관심 있는 각국 부처, 인사 "
                "기관, 국제기구와 함께 일합니다. 다음과 같은 경우 연락해 "
                "주십시오.</p><ul><li>이 포털에 소개된 사례나 시스템에 대해 묻고 싶을 "
                "때</li><li>추가 자료가 필요할 때</li><li>다음 웨비나나 공동 세미나의 "
                "주제를 제안하고 싶을 때</li><li>공동 연구나 협력 사업을 논의하고 싶을 "
                "때</li></ul>",
            ),
            ("heading", "웨비나 중에는"),
            (
                "paragraph",
                "<p>행사 중에 가장 빠르게 소통하는 방법은 실시간 질의응답입니다. 진행자가 "
                "안내한 방 코드를 입력한 뒤 원하는 언어로 질문하고, 답을 듣고 싶은 질문에 "
                "추천을 눌러 주십시오. 인사혁신처 직원이 질의응답 방을 운영하며 질문을 "
                "발표자에게 전달합니다.</p>",
            ),
            ("heading", "그 밖의 경우"),
            (
                "paragraph",
                "<p>웨비나가 없을 때에는 인사혁신처 공식 창구나, 공동 프로그램을 함께 "
                "운영하고 있는 국제기구를 통해 연락해 주십시오. 연락하실 때 다음 내용을 "
                "알려 주시면 도움이 됩니다.</p><ul><li>기관명과 국가</li><li>관심 있는 "
                "시스템이나 주제</li><li>희망하는 언어(영어, 한국어, 스페인어, "
                "러시아어)</li></ul>",
            ),
            ("heading", "웨비나 참가 신청"),
            (
                "paragraph",
                "<p>예정된 웨비나는 이 포털에 공지되며, 웨비나마다 참가 신청 양식이 "
                "마련됩니다. 신청한 뒤에는 일정을 캘린더에 추가할 수 있습니다.</p>",
            ),
        ],
        "es": [
            ("heading", "En qué podemos ayudarle"),
            (
                "paragraph",
                "<p>El equipo de cooperación internacional trabaja con ministerios, "
                "organismos de servicio civil y organizaciones internacionales interesados "
                "en conocer mejor los sistemas de personal de Corea. Póngase en contacto "
                "con nosotros si desea:</p><ul><li>consultar sobre un estudio de caso o un "
                "sistema presentado en este portal;</li><li>solicitar documentación "
                "adicional;</li><li>proponer un tema para un próximo seminario web o un "
                "seminario conjunto;</li><li>explorar una investigación conjunta o un "
                "proyecto de cooperación.</li></ul>",
            ),
            ("heading", "Durante un seminario web"),
            (
                "paragraph",
                "<p>Durante un evento, la vía más rápida es la sesión de preguntas en "
                "directo. Introduzca el código de sala que indique el moderador, formule "
                "su pregunta en su idioma y vote por las que más le interesen. El personal "
                "del Ministerio modera la sala y traslada las preguntas a los "
                "ponentes.</p>",
            ),
            ("heading", "En cualquier otro momento"),
            (
                "paragraph",
                "<p>Fuera de los seminarios web, comuníquese con el Ministerio de Gestión "
                "de Personal a través de sus canales oficiales o del organismo "
                "internacional con el que ya colabore en un programa conjunto. Le "
                "agradeceremos que nos indique:</p><ul><li>el nombre y el país de su "
                "institución;</li><li>el sistema o el tema que le interesa;</li><li>el "
                "idioma que prefiere: español, inglés, coreano o ruso.</li></ul>",
            ),
            ("heading", "Inscripción en seminarios web"),
            (
                "paragraph",
                "<p>Los próximos seminarios web se anuncian en este portal, cada uno con "
                "su propio formulario de inscripción. Una vez inscrito, podrá añadir el "
                "evento a su calendario.</p>",
            ),
        ],
        "ru": [
            ("heading", "Чем мы можем помочь"),
            (
                "paragraph",
                "<p>Команда по международному сотрудничеству работает с министерствами, "
                "ведомствами по делам государственной службы и международными "
                "организациями, которые хотят ближе познакомиться с кадровыми системами "
                "Кореи. Свяжитесь с нами, если вы хотите:</p><ul><li>задать вопрос о кейсе "
                "или системе, представленных на портале;</li><li>запросить дополнительные "
                "материалы;</li><li>предложить тему для следующего вебинара или "
                "совместного семинара;</li><li>обсудить совместное исследование или проект "
                "сотрудничества.</li></ul>",
            ),
            ("heading", "Во время вебинара"),
            (
                "paragraph",
                "<p>Быстрее всего связаться с нами во время мероприятия можно через "
                "вопросы и ответы в прямом эфире. Введите код комнаты, который назовёт "
                "модератор, задайте вопрос на своём языке и проголосуйте за вопросы, "
                "ответы на которые хотите услышать в первую очередь. Сотрудники "
                "министерства модерируют комнату и передают вопросы докладчикам.</p>",
            ),
            ("heading", "В остальное время"),
            (
                "paragraph",
                "<p>Вне вебинаров обращайтесь в Министерство по управлению персоналом по "
                "его официальным каналам или через международную организацию, с которой вы "
                "уже сотрудничаете в рамках совместной программы. Пожалуйста, "
                "укажите:</p><ul><li>название вашего ведомства и страну;</li><li>систему "
                "или тему, которая вас интересует;</li><li>предпочтительный язык: русский, "
                "английский, корейский или испанский.</li></ul>",
            ),
            ("heading", "Регистрация на вебинары"),
            (
                "paragraph",
                "<p>О предстоящих вебинарах мы сообщаем на этом портале, и для каждого из "
                "них есть своя форма регистрации. После регистрации вы сможете добавить "
                "мероприятие в свой календарь.</p>",
            ),
        ],
    },
    "children": [],
}

STANDARD_PAGES = [ABOUT, COOPERATION, SYSTEMS, CONTACT]

PARTNERS = [
    {
        "acronym": "IDB",
        "name": {
            "en": "Inter-American Development Bank",
            "ko": "미주개발은행",
            "es": "Banco Interamericano de Desarrollo",
            "ru": "Межамериканский банк развития",
        },
        "country": "INT",
        "kind": "bank",
        "website": "https://www.iadb.org/",
        "sort_order": 10,
    },
    {
        "acronym": "OECD",
        "name": {
            "en": "Organisation for Economic Co-operation and Development",
            "ko": "경제협력개발기구",
            "es": "Organización para la Cooperación y el Desarrollo Económicos",
            "ru": "Организация экономического сотрудничества и развития",
        },
        "country": "INT",
        "kind": "international",
        "website": "https://www.oecd.org/",
        "sort_order": 20,
    },
    {
        "acronym": "WB",
        "name": {
            "en": "World Bank",
            "ko": "세계은행",
            "es": "Banco Mundial",
            "ru": "Всемирный банк",
        },
        "country": "INT",
        "kind": "bank",
        "website": "https://www.worldbank.org/",
        "sort_order": 30,
    },
    {
        "acronym": "UNDP",
        "name": {
            "en": "United Nations Development Programme",
            "ko": "유엔개발계획",
            "es": "Programa de las Naciones Unidas para el Desarrollo",
            "ru": "Программа развития Организации Объединённых Наций",
        },
        "country": "INT",
        "kind": "international",
        "website": "https://www.undp.org/",
        "sort_order": 40,
    },
    {
        "acronym": "ACSH",
        "name": {
            "en": "Astana Civil Service Hub",
            "ko": "아스타나 공무원 허브",
            "es": "Hub de Servicio Civil de Astana",
            "ru": "Астанинский хаб гражданской службы",
        },
        "country": "KZ",
        "kind": "hub",
        "website": "https://www.astanacivilservicehub.org/",
        "sort_order": 50,
    },
    {
        "acronym": "DOM",
        "name": {
            "en": "Government of the Dominican Republic",
            "ko": "도미니카공화국 정부",
            "es": "Gobierno de la República Dominicana",
            "ru": "Правительство Доминиканской Республики",
        },
        "country": "DO",
        "kind": "government",
        "website": "",
        "sort_order": 60,
    },
    {
        "acronym": "URY",
        "name": {
            "en": "Government of Uruguay",
            "ko": "우루과이 정부",
            "es": "Gobierno de Uruguay",
            "ru": "Правительство Уругвая",
        },
        "country": "UY",
        "kind": "government",
        "website": "",
        "sort_order": 70,
    },
    {
        "acronym": "CSC",
        "name": {
            "en": "Civil Service Commission of the Philippines",
            "ko": "필리핀 인사위원회",
            "es": "Comisión de Servicio Civil de Filipinas",
            "ru": "Комиссия по делам государственной службы Филиппин",
        },
        "country": "PH",
        "kind": "government",
        "website": "https://www.csc.gov.ph/",
        "sort_order": 80,
    },
    {
        "acronym": "MNG",
        "name": {
            "en": "Government of Mongolia",
            "ko": "몽골 정부",
            "es": "Gobierno de Mongolia",
            "ru": "Правительство Монголии",
        },
        "country": "MN",
        "kind": "government",
        "website": "",
        "sort_order": 90,
    },
    {
        "acronym": "KAZ",
        "name": {
            "en": "Government of Kazakhstan",
            "ko": "카자흐스탄 정부",
            "es": "Gobierno de Kazajistán",
            "ru": "Правительство Казахстана",
        },
        "country": "KZ",
        "kind": "government",
        "website": "",
        "sort_order": 100,
    },
    {
        "acronym": "UKR",
        "name": {
            "en": "Government of Ukraine",
            "ko": "우크라이나 정부",
            "es": "Gobierno de Ucrania",
            "ru": "Правительство Украины",
        },
        "country": "UA",
        "kind": "government",
        "website": "",
        "sort_order": 110,
    },
]

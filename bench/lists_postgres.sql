-- bench/lists_postgres.sql - the criterion values of `helhed lists compute`
-- (AREA-LISTS.md; 2-year averages as under the 2013-2021 rules) as one SQL
-- query over table persons, loaded by bench/lists.sh with COPY.
-- Output columns as helhed writes them; NULL (empty) where not computable.
WITH latest AS (SELECT MAX(year) AS y FROM persons),
yrs AS (SELECT y AS year FROM latest UNION ALL SELECT y - 1 FROM latest),
nat_year AS (
  SELECT year, 100.0 * SUM(CASE WHEN age >= 18 THEN convicted ELSE 0 END)
               / NULLIF(SUM(CASE WHEN age >= 18 THEN 1 ELSE 0 END), 0) AS c
  FROM persons GROUP BY year),
nat AS (SELECT CASE WHEN COUNT(n.c) = 2 THEN AVG(n.c) END AS c FROM yrs LEFT JOIN nat_year n ON n.year = yrs.year),
region AS (
  SELECT region_code, AVG(gross_income) AS mean
  FROM persons, latest
  WHERE year = latest.y AND taxable = 1 AND age BETWEEN 15 AND 64 AND in_education = 0
  GROUP BY region_code),
area_year AS (
  SELECT area_code, year, MIN(region_code) AS region_code, COUNT(*) AS residents, SUM(non_western) AS nw,
         SUM(CASE WHEN age BETWEEN 18 AND 64 THEN 1 ELSE 0 END) AS n18_64,
         SUM(CASE WHEN age BETWEEN 18 AND 64 THEN outside_labour_fte ELSE 0 END) AS fte,
         SUM(CASE WHEN age >= 18 THEN 1 ELSE 0 END) AS n18,
         SUM(CASE WHEN age >= 18 THEN convicted ELSE 0 END) AS conv,
         SUM(CASE WHEN age BETWEEN 30 AND 59 THEN 1 ELSE 0 END) AS n30_59,
         SUM(CASE WHEN age BETWEEN 30 AND 59 THEN basic_education_only ELSE 0 END) AS basic,
         SUM(CASE WHEN taxable = 1 AND age BETWEEN 15 AND 64 AND in_education = 0 THEN 1 ELSE 0 END) AS ntax,
         SUM(CASE WHEN taxable = 1 AND age BETWEEN 15 AND 64 AND in_education = 0 THEN gross_income ELSE 0 END)
           AS income
  FROM persons
  WHERE area_code IS NOT NULL -- COPY reads an empty field as NULL
  GROUP BY area_code, year),
areas AS (SELECT DISTINCT area_code FROM area_year),
averaged AS (
  SELECT a.area_code,
         CASE WHEN COUNT(CASE WHEN ay.n18_64 > 0 THEN 1 END) = 2 THEN AVG(100.0 * ay.fte / NULLIF(ay.n18_64, 0)) END
           AS l,
         CASE WHEN COUNT(CASE WHEN ay.n18 > 0 THEN 1 END) = 2 THEN AVG(100.0 * ay.conv / NULLIF(ay.n18, 0)) END
           AS c
  FROM areas a CROSS JOIN yrs LEFT JOIN area_year ay ON ay.area_code = a.area_code AND ay.year = yrs.year
  GROUP BY a.area_code)
SELECT a.area_code, 2025 AS year, COALESCE(cur.residents, 0) AS residents,
       100.0 * cur.nw / NULLIF(cur.residents, 0) AS non_western_pct,
       av.l AS outside_labour_pct, av.c AS convicted_pct, nat.c AS national_convicted_pct,
       100.0 * cur.basic / NULLIF(cur.n30_59, 0) AS basic_education_pct,
       CASE WHEN cur.ntax > 0 AND r.mean > 0 THEN 100.0 * (cur.income / cur.ntax) / r.mean END
         AS income_pct_of_region,
       COALESCE(cur.n18_64, 0) AS persons_18_64, COALESCE(cur.n18, 0) AS persons_18_plus,
       COALESCE(cur.n30_59, 0) AS persons_30_59, COALESCE(cur.ntax, 0) AS taxpayers
FROM areas a
CROSS JOIN latest
CROSS JOIN nat
JOIN averaged av ON av.area_code = a.area_code
LEFT JOIN area_year cur ON cur.area_code = a.area_code AND cur.year = latest.y
LEFT JOIN region r ON r.region_code = cur.region_code
ORDER BY a.area_code;
